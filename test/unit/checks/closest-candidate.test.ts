import { describe, expect, it } from "vitest";
import { closestCandidate, type Expectation, type Judged, judge } from "../../../src/checks/closest-candidate.js";

const judged = (candidate: string, ...misses: (string | undefined)[]): Judged<string> => ({ candidate, misses });

describe("closestCandidate", () => {
  it.each([
    ["the one meeting most expectations", [judged("a", "x", "y"), judged("b", undefined, "z")], { candidate: "b", miss: "z" }],
    [
      "the first on a tie (callers list the newest first)",
      [judged("new", "x", undefined), judged("old", undefined, "y")],
      { candidate: "new", miss: "x" },
    ],
    ["its first miss, not a later one", [judged("a", undefined, "first", "second")], { candidate: "a", miss: "first" }],
    ["nothing when there are no candidates", [], undefined],
    ["nothing when the best misses nothing", [judged("a", undefined)], undefined],
  ] as const)("%s", (_, input, expected) => expect(closestCandidate(input)).toEqual(expected));
});

describe("judge", () => {
  const met = (phrase: string): Expectation<number> => ({ phrase, miss: async () => undefined });
  const missed = (phrase: string): Expectation<number> => ({ phrase, miss: async () => `not ${phrase}` });
  let ran = 0;
  const costly: Expectation<number> = {
    phrase: "costly",
    onlyIfEarlierMet: true,
    miss: async () => {
      ran++;
      return undefined;
    },
  };

  it("records each expectation's miss in order", async () => {
    expect(await judge(1, [met("a"), missed("b"), met("c")])).toEqual({ candidate: 1, misses: [undefined, "not b", undefined] });
  });

  it("skips a gated expectation after an earlier miss, and counts it as missed", async () => {
    ran = 0;
    const result = await judge(1, [missed("a"), costly]);
    expect(ran).toBe(0);
    expect(result.misses.filter((m) => m === undefined)).toHaveLength(0);
    await judge(1, [met("a"), costly]);
    expect(ran).toBe(1);
  });
});
