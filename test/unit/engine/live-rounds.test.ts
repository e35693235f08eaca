import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CheckResult } from "../../../src/checks/check.js";
import type { LessonOutput, Trigger } from "../../../src/engine/events.js";
import { LessonEngine } from "../../../src/engine/lesson-engine.js";
import { LessonRecord } from "../../../src/engine/lesson-record.js";
import { LiveRounds } from "../../../src/engine/live-rounds.js";
import { lessonSchema } from "../../../src/lessons/schema.js";
import { ProgressStore } from "../../../src/progress/store.js";

const event = (timeMs: number): Trigger => ({ kind: "daemon-event", eventTimeMs: timeMs, action: "container die" });
const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("LiveRounds", () => {
  it("starts a round at once, and the next event's round without waiting for it to end", async () => {
    const started: number[] = [];
    const rounds = new LiveRounds(async (trigger) => {
      if (trigger.kind === "daemon-event") started.push(trigger.eventTimeMs);
      await new Promise(() => undefined);
    });
    rounds.request(event(1));
    await later(30);
    rounds.request(event(2));
    expect(started).toEqual([1, 2]);
  });

  it("a burst joins one round after the first, started after the latest event", async () => {
    const started: number[] = [];
    const rounds = new LiveRounds(async (trigger) => {
      if (trigger.kind === "daemon-event") started.push(trigger.eventTimeMs);
    });
    for (let i = 1; i <= 25; i++) rounds.request(event(i));
    await rounds.whenQuiet();
    expect(started).toEqual([1, 25]);
  });
});

const lesson = lessonSchema.parse({
  format: 1,
  id: "live",
  number: 9,
  slug: "live",
  title: "Live",
  summary: "s",
  minutes: 1,
  steps: [{ id: "one", title: "One", text: "t", checks: [{ kind: "image", ref: "a" }] }],
});

describe("LessonEngine's rounds on daemon events", () => {
  it("a round that hangs (an inspect waiting out a container's start) does not hold the verdict of a later event", async () => {
    const outputs: LessonOutput[] = [];
    const progress = new ProgressStore(join(mkdtempSync(join(tmpdir(), "dtt-live-")), "progress.json"), () => undefined);
    let present = false;
    let calls = 0;
    const engine = new LessonEngine(
      {
        lesson,
        evaluate: async () => {
          calls += 1;
          const pass = present;
          // the second round (the first event's) hangs for a long time
          if (calls === 2) await later(5000);
          return [{ kind: "image", pass, expected: "image a", actual: pass ? "image a" : "no image a" } satisfies CheckResult];
        },
        expectedAnswer: async () => [],
        record: new LessonRecord(progress, lesson.id, () => new Date()),
        emit: (o) => outputs.push(o),
      },
      0,
    );
    engine.start();
    await engine.idle();
    const daemon = () =>
      engine.dispatch({ type: "daemon", event: { type: "image", action: "pull", actorId: "x", attributes: {}, timeMs: Date.now() } });
    daemon();
    await later(30);
    present = true;
    daemon();
    const began = Date.now();
    while (!outputs.some((o) => o.type === "lesson-done") && Date.now() - began < 4000) await later(10);
    expect(Date.now() - began).toBeLessThan(1000);
    expect(outputs.map((o) => o.type)).toEqual(["step", "passed", "lesson-done"]);
  });
});
