import { describe, expect, it } from "vitest";
import { requireDaemon, uniqueName } from "../helpers/engine-api.js";
import { walkLesson } from "../helpers/lesson-harness.js";

describe("walkLesson harness on lesson 1", () => {
  it("walks every step and leaves nothing behind", async () => {
    await requireDaemon();
    const { steps, leftBehind } = await walkLesson(
      1,
      { shell: uniqueName("shell"), echoer: uniqueName("motto") },
      { trueOnArrival: ["pull-alpine"] },
    );
    expect(steps.length).toBe(14);
    expect(leftBehind).toEqual([]);
  }, 240_000);
});
