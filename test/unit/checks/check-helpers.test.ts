import { describe, expect, it } from "vitest";
import type { CheckContext } from "../../../src/checks/check.js";
import { commandOf, createdInWindow, describeMatch } from "../../../src/checks/container-match.js";
import { describeHttpFailure } from "../../../src/checks/http.js";
import { nslookupFoundAddress } from "../../../src/checks/network.js";
import { evaluateCheck } from "../../../src/checks/registry.js";
import { tagsIn } from "../../../src/checks/registry-tag.js";
import type { ContainerDetails } from "../../../src/docker/views.js";
import { checkSchema } from "../../../src/lessons/schema.js";

const started = new Date("2026-01-01T10:00:00Z");
const scope = { startedAt: started, preexistingContainerIds: new Set(["old"]) };
const at = (iso: string) => new Date(iso);

describe("createdInWindow: the lesson's window when no step start is known", () => {
  it.each([
    ["new", at("2026-01-01T10:00:05Z"), true],
    ["new", at("2026-01-01T09:59:59Z"), true],
    ["new", at("2026-01-01T09:59:57Z"), false],
    ["old", at("2026-01-01T10:00:05Z"), false],
  ])("%s created %s → %s", (id, created, expected) => expect(createdInWindow(scope, {}, id, created)).toBe(expected));
});

describe("createdInWindow: a step's window", () => {
  const stepScope = { ...scope, stepStartedAt: at("2026-01-01T10:05:00Z") };
  it.each([
    ["made during the step", {}, at("2026-01-01T10:05:03Z"), false, true],
    ["an earlier try, minutes before the step", {}, at("2026-01-01T10:01:00Z"), false, false],
    ["an earlier try, when since: lesson", { since: "lesson" as const }, at("2026-01-01T10:01:00Z"), false, true],
    ["listed in whole seconds: a second early still counts", {}, at("2026-01-01T10:04:59Z"), false, true],
    ["inspected to the nanosecond: a second early is the previous step's", {}, at("2026-01-01T10:04:59Z"), true, false],
    ["inspected: within the clock's slack", {}, at("2026-01-01T10:04:59.900Z"), true, true],
  ])("%s", (_, match, created, precise, expected) => expect(createdInWindow(stepScope, match, "new", created, precise)).toBe(expected));
});

describe("commandOf", () => {
  const container = (cmd: string[], command: string[]) => ({ cmd, command }) as Partial<ContainerDetails> as ContainerDetails;
  it.each([
    [["echo", "hello from alpine"], ["echo", "hello from alpine"], "echo hello from alpine"],
    [[], ["/docker-entrypoint.sh", "nginx"], "/docker-entrypoint.sh nginx"],
    [["sh", "-c", "echo  a"], [], "sh -c echo a"],
  ])("%j / %j → %s", (cmd, command, expected) => expect(commandOf(container(cmd, command))).toBe(expected));
});

describe("describeMatch", () => {
  const stepScope = { ...scope, stepStartedAt: at("2026-01-01T10:05:00Z") };
  it.each([
    [{ name: "web" }, 1, "container `web`"],
    [{ image: "alpine" }, 1, "a container from `alpine` created since this step began"],
    [{ image: "alpine", since: "lesson" as const }, 1, "a container from `alpine` created since the lesson began"],
    [{ image: "alpine", createdDuringLesson: false }, 1, "a container from `alpine`"],
    [{ image: "alpine" }, 3, "at least 3 containers from `alpine` created since this step began"],
  ])("%j × %i → %s", (match, atLeast, expected) => expect(describeMatch(match, stepScope, atLeast)).toBe(expected));

  it("without a recorded step start, the lesson's start stands in, and says so", () =>
    expect(describeMatch({ image: "alpine" }, scope)).toBe("a container from `alpine` created since the lesson began"));
});

describe("reading answers", () => {
  it.each([
    ['{"name":"hello","tags":["v1","v2"]}', ["v1", "v2"]],
    ['{"name":"hello","tags":null}', []],
    ["<html>", undefined],
    ['{"errors":[]}', undefined],
  ])("tagsIn(%s) → %j", (body, expected) => expect(tagsIn(body)).toEqual(expected));

  it.each([
    [0, "Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\nNon-authoritative answer:\nName:\tweb\nAddress: 172.19.0.3\n", true],
    [1, "Server:\t\t127.0.0.11\n\n** server can't find web: NXDOMAIN\n", false],
    [0, "Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n", false],
  ])("nslookup exit %i → found %s", (exitCode, output, expected) => expect(nslookupFoundAddress(exitCode, output)).toBe(expected));

  it.each([
    ["ECONNREFUSED", "nothing answers at http://x/"],
    ["ETIMEDOUT", "http://x/ did not answer within 3 s"],
    ["ENOTFOUND", "the host in http://x/ is unknown"],
  ])("%s → %s", (errorCode, expected) =>
    expect(describeHttpFailure("http://x/", Object.assign(new Error("e"), { code: errorCode }))).toBe(expected),
  );
});

describe("evaluateCheck", () => {
  it("turns an unexpected throw into a failed result that says why", async () => {
    const broken = {
      docker: { info: async () => Promise.reject(new Error("connect ECONNREFUSED /var/run/docker.sock")) },
      scope,
      httpGet: async () => ({ status: 200, body: "" }),
    } as unknown as CheckContext;
    expect(await evaluateCheck(checkSchema.parse({ kind: "swarm" }), broken)).toEqual({
      kind: "swarm",
      pass: false,
      expected: "the swarm check can read the daemon's state",
      actual: "the check could not run: connect ECONNREFUSED /var/run/docker.sock",
    });
  });
});
