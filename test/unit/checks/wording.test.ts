import { describe, expect, it } from "vitest";
import { counted, excerpt, joinPhrases, normalizePort, printed, shortId } from "../../../src/checks/wording.js";

describe("normalizePort", () => {
  it.each([
    ["80", "80/tcp"],
    ["80/tcp", "80/tcp"],
    ["53/udp", "53/udp"],
    [" 8080 ", "8080/tcp"],
    ["53/UDP", "53/udp"],
  ])("%s → %s", (port, expected) => expect(normalizePort(port)).toBe(expected));
});

describe("joinPhrases", () => {
  it.each([
    [[], ""],
    [["a"], "a"],
    [["a", "b"], "a and b"],
    [["a", "b", "c"], "a, b and c"],
  ])("%j → %s", (phrases, expected) => expect(joinPhrases(phrases)).toBe(expected));
});

describe("small words", () => {
  it.each([
    [shortId("sha256:0123456789abcdef0123"), "0123456789ab"],
    [shortId("3f2a1c9d8e7b6a5f4e3d"), "3f2a1c9d8e7b"],
    [excerpt("  one\n two  "), "one two"],
    [excerpt("x".repeat(100), 10), `${"x".repeat(9)}…`],
    [printed(" \n"), "printed nothing"],
    [printed("hello\n"), "printed `hello`"],
    [counted(1, "layer"), "1 layer"],
    [counted(3, "layer"), "3 layers"],
  ])("%s = %s", (actual, expected) => expect(actual).toBe(expected));
});
