import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CheckResult } from "../../../src/checks/check.js";
import type { LessonOutput } from "../../../src/engine/events.js";
import { LessonEngine } from "../../../src/engine/lesson-engine.js";
import { LessonRecord } from "../../../src/engine/lesson-record.js";
import { gradeAnswer } from "../../../src/engine/quiz-answer.js";
import { type Lesson, lessonSchema, type Step } from "../../../src/lessons/schema.js";
import { ProgressStore } from "../../../src/progress/store.js";

const lesson: Lesson = lessonSchema.parse({
  format: 1,
  id: "demo",
  number: 9,
  slug: "demo",
  title: "Demo",
  summary: "s",
  minutes: 1,
  steps: [
    { id: "one", title: "One", text: "t", hints: ["look", "fix"], checks: [{ kind: "image", ref: "a" }] },
    { id: "two", title: "Two", text: "t", checks: [{ kind: "image", ref: "b" }] },
    { id: "quiz", title: "Q", kind: "quiz", text: "t", quiz: { type: "input", question: "?", answer: "42", explanation: "because" } },
  ],
});

/** The daemon, reduced to which image refs exist; the engine only sees check results. */
function harness(present: Set<string>, runSolution?: (step: Step) => Promise<void>) {
  const outputs: LessonOutput[] = [];
  const progress = new ProgressStore(join(mkdtempSync(join(tmpdir(), "dtt-engine-")), "progress.json"), () => undefined);
  let rounds = 0;
  const engine = new LessonEngine(
    {
      lesson,
      evaluate: async (step) => {
        rounds += 1;
        return step.checks.map((c): CheckResult => {
          const ref = c.kind === "image" ? c.ref : "";
          return {
            kind: "image",
            pass: present.has(ref),
            expected: `image ${ref}`,
            actual: present.has(ref) ? `image ${ref}` : `no image ${ref}`,
          };
        });
      },
      expectedAnswer: async (quiz) => [String(quiz.answer)],
      record: new LessonRecord(progress, lesson.id, () => new Date("2026-11-24T10:00:00Z")),
      emit: (o) => outputs.push(o),
      ...(runSolution ? { runSolution } : {}),
    },
    0,
  );
  const settle = () => engine.idle();
  const daemonEvent = (action = "create") =>
    engine.dispatch({ type: "daemon", event: { type: "image", action, actorId: "x", attributes: {}, timeMs: Date.now() } });
  return { engine, outputs, progress, settle, daemonEvent, rounds: () => rounds, types: () => outputs.map((o) => o.type) };
}

describe("LessonEngine", () => {
  it("shows the step, stays quiet on daemon events until the step passes, then moves on", async () => {
    const present = new Set<string>();
    const h = harness(present);
    h.engine.start();
    await h.settle();
    expect(h.types()).toEqual(["step"]);
    h.daemonEvent();
    await h.settle();
    expect(h.types()).toEqual(["step"]);
    present.add("a");
    h.daemonEvent("pull");
    await h.settle();
    expect(h.types()).toEqual(["step", "passed", "step"]);
    const passed = h.outputs[1];
    expect(passed?.type === "passed" && passed.trigger.kind).toBe("daemon-event");
    expect(h.progress.lesson("demo")?.steps.one?.status).toBe("passed");
  });

  it("a manual check says what differs", async () => {
    const h = harness(new Set());
    h.engine.start();
    h.engine.dispatch({ type: "key", key: "check" });
    await h.settle();
    const notYet = h.outputs.find((o) => o.type === "not-yet");
    expect(notYet?.type === "not-yet" && notYet.results[0]?.actual).toBe("no image a");
  });

  it("hints are progressive and end in a diagnosis of live state; progress counts them", async () => {
    const h = harness(new Set());
    h.engine.start();
    for (let i = 0; i < 3; i++) h.engine.dispatch({ type: "key", key: "hint" });
    await h.settle();
    expect(h.outputs.filter((o) => o.type === "hint").map((o) => (o.type === "hint" ? o.text : ""))).toEqual(["look", "fix"]);
    expect(h.types().at(-1)).toBe("diagnosis");
    expect(h.progress.lesson("demo")?.hints.one).toBe(2);
  });

  it("a burst of daemon events costs at most two check rounds", async () => {
    const h = harness(new Set());
    h.engine.start();
    await h.settle();
    const before = h.rounds();
    for (let i = 0; i < 25; i++) h.daemonEvent();
    await h.settle();
    expect(h.rounds() - before).toBeLessThanOrEqual(2);
  });

  it("the tutor's own throwaway containers, and their volume mounts, start no round", async () => {
    const h = harness(new Set());
    h.engine.start();
    await h.settle();
    const before = h.rounds();
    const event = (type: string, action: string, actorId: string, attributes: Record<string, string>) =>
      h.engine.dispatch({ type: "daemon", event: { type, action, actorId, attributes, timeMs: Date.now() } });
    event("container", "create", "probe1", { "docker-tutor.purpose": "volume-check" });
    event("volume", "mount", "vol", { container: "probe1", destination: "/data" });
    event("volume", "unmount", "vol", { container: "probe1" });
    event("network", "connect", "bridge", { container: "probe1" });
    await h.settle();
    expect(h.rounds()).toBe(before);
    event("volume", "mount", "vol", { container: "learners" });
    await h.settle();
    expect(h.rounds()).toBe(before + 1);
  });

  it("skip records the step as skipped; the quiz is graded and the lesson finishes", async () => {
    const h = harness(new Set(["b"]));
    h.engine.start();
    h.engine.dispatch({ type: "key", key: "skip" });
    await h.settle();
    expect(h.types()).toEqual(["step", "skipped", "step", "passed", "step", "quiz"]);
    h.engine.dispatch({ type: "answer", value: " 42 " });
    expect(await h.engine.ended).toBe("finished");
    expect(h.outputs.find((o) => o.type === "quiz-result")).toMatchObject({ correct: true, explanation: "because" });
    expect(h.outputs.at(-1)).toEqual({ type: "lesson-done", passed: 2, skipped: 1, total: 3 });
    expect(h.progress.lesson("demo")?.steps.quiz).toMatchObject({ status: "passed", answer: " 42 ", correct: true });
  });

  it("quit ends the lesson at once, keeping the place", async () => {
    const h = harness(new Set());
    h.engine.start();
    h.engine.dispatch({ type: "key", key: "quit" });
    expect(await h.engine.ended).toBe("quit");
    expect(h.types().at(-1)).toBe("quit");
  });

  it("quit while the solution runs: no check round after it, and the lesson ends when the solution gives up", async () => {
    const release: { run?: () => void; started?: () => void } = {};
    const solutionRunning = new Promise<void>((resolve) => {
      release.run = resolve;
    });
    const solutionStarted = new Promise<void>((resolve) => {
      release.started = resolve;
    });
    const h = harness(new Set(), () => {
      release.started?.();
      return solutionRunning;
    });
    h.engine.start();
    await h.settle();
    const roundsBefore = h.rounds();
    h.engine.dispatch({ type: "key", key: "run" });
    await solutionStarted;
    h.engine.dispatch({ type: "key", key: "quit" });
    h.daemonEvent();
    release.run?.();
    expect(await h.engine.ended).toBe("quit");
    await h.settle();
    expect(h.rounds()).toBe(roundsBefore);
    expect(h.types()).toEqual(["step", "solution", "quit"]);
  });

  it("a typed command that failed can pass the step but never prints not-yet; one that worked does", async () => {
    const present = new Set<string>();
    const h = harness(present);
    h.engine.start();
    await h.settle();
    h.engine.dispatch({ type: "command", line: "docker pull a", exitCode: 1, stepIndex: 0 });
    await h.settle();
    expect(h.types()).toEqual(["step"]);
    h.engine.dispatch({ type: "command", line: "docker images", exitCode: 0, stepIndex: 0 });
    await h.settle();
    expect(h.types()).toEqual(["step", "not-yet"]);
    present.add("a");
    h.engine.dispatch({ type: "command", line: "docker pull a", exitCode: 130, stepIndex: 0 });
    await h.settle();
    expect(h.types()).toEqual(["step", "not-yet", "passed", "step"]);
  });
});

describe("gradeAnswer", () => {
  it.each([
    ["alpine", ["alpine:latest"], true],
    ["docker.io/library/alpine", ["alpine"], true],
    ["ALPINE ", ["alpine"], true],
    ["3", ["3"], true],
    ["03", ["3"], true],
    ["busybox", ["alpine"], false],
    ["", ["0"], false],
  ])("%j against %j → %s", (given, accepted, expected) => {
    expect(gradeAnswer(given, accepted)).toBe(expected);
  });
});
