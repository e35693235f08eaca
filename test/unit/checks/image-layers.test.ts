import { describe, expect, it } from "vitest";
import { cmdMatches, commonPrefixLength, isBuiltOn, sameLayers } from "../../../src/checks/image-layers.js";

describe("layer arithmetic", () => {
  it.each([
    [["a", "b", "c"], ["a", "b"], 2],
    [["a", "b"], ["a", "b", "c"], 2],
    [["a", "x"], ["a", "b"], 1],
    [["x"], ["a"], 0],
    [[], ["a"], 0],
  ])("%j and %j share %i leading layers", (a, b, n) => expect(commonPrefixLength(a, b)).toBe(n));

  it.each([
    [["base", "app"], ["base"], true],
    [["base"], ["base"], true],
    [["other", "app"], ["base"], false],
    [["base"], ["base", "more"], false],
    [["base"], [], false],
  ])("%j built on %j: %s", (layers, base, expected) => expect(isBuiltOn(layers, base)).toBe(expected));

  it.each([
    [["a", "b"], ["a", "b"], true],
    [["a", "b"], ["a", "c"], false],
    [["a"], ["a", "b"], false],
  ])("%j same as %j: %s", (a, b, expected) => expect(sameLayers(a, b)).toBe(expected));
});

describe("cmdMatches", () => {
  it.each([
    [["echo", "hi"], "echo hi", true],
    [["echo", "hi"], '["echo", "hi"]', true],
    [["/bin/sh", "-c", "echo hi"], "echo hi", true],
    [["echo", "hi there"], '["echo", "hi there"]', true],
    [["echo", "hi"], "echo bye", false],
    [[], "echo hi", false],
    [["echo", "[x"], "echo [x", true],
  ])("%j matches %s: %s", (cmd, wanted, expected) => expect(cmdMatches(cmd, wanted)).toBe(expected));
});
