import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CheckResult } from "../../../src/checks/check.js";
import type { LessonOutput } from "../../../src/engine/events.js";
import { LessonEngine } from "../../../src/engine/lesson-engine.js";
import { LessonRecord } from "../../../src/engine/lesson-record.js";
import { gradeAnswer } from "../../../src/engine/quiz-answer.js";
import { choiceOrder } from "../../../src/engine/quiz-choices.js";
import { type Lesson, lessonSchema, type Step } from "../../../src/lessons/schema.js";
import { ProgressStore } from "../../../src/progress/store.js";

const demoLesson: Lesson = lessonSchema.parse({
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

/** A lesson of two select quizzes and a task, for the quiz flow. */
const quizLesson: Lesson = lessonSchema.parse({
  format: 1,
  id: "quizzes",
  number: 8,
  slug: "quizzes",
  title: "Quizzes",
  summary: "s",
  minutes: 1,
  steps: [
    {
      id: "pick",
      title: "Pick",
      kind: "quiz",
      text: "t",
      commands: ["docker network ls"],
      hints: ["think"],
      quiz: {
        type: "select",
        question: "Which?",
        choices: ["right one", "wrong a", "wrong b", "wrong c"],
        answer: "right one",
        explanation: "why",
      },
    },
    {
      id: "second",
      title: "Second",
      kind: "quiz",
      text: "t",
      quiz: { type: "select", question: "And?", choices: ["yes", "no"], answer: "yes", explanation: "so" },
    },
    { id: "task", title: "Task", text: "t", checks: [{ kind: "image", ref: "a" }] },
  ],
});

/** The daemon, reduced to which image refs exist; the engine only sees check results. */
function harness(present: Set<string>, runSolution?: (step: Step) => Promise<void>, options: { of?: Lesson; pause?: boolean } = {}) {
  const lesson = options.of ?? demoLesson;
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
      settleAfterCommandMs: 5,
    },
    0,
  );
  if (options.pause) engine.pauseAfterEachStep();
  const settle = () => engine.idle();
  const daemonEvent = (action = "create") =>
    engine.dispatch({ type: "daemon", event: { type: "image", action, actorId: "x", attributes: {}, timeMs: Date.now() } });
  const recorded = (stepId: string) => progress.lesson(lesson.id)?.steps[stepId];
  return { engine, outputs, progress, recorded, settle, daemonEvent, rounds: () => rounds, types: () => outputs.map((o) => o.type) };
}

describe("LessonEngine: the verdict's trigger and the proof after it", () => {
  it("says when an event that may change a step came in, and not for the tutor's own execs", () => {
    let woken = 0;
    const engine = new LessonEngine(
      {
        lesson: demoLesson,
        evaluate: async () => [],
        expectedAnswer: async () => [],
        record: new LessonRecord(
          new ProgressStore(join(mkdtempSync(join(tmpdir(), "dtt-engine-")), "progress.json"), () => undefined),
          demoLesson.id,
          () => new Date(),
        ),
        emit: () => undefined,
        woken: () => {
          woken += 1;
        },
      },
      0,
    );
    engine.dispatch({
      type: "daemon",
      event: { type: "container", action: "exec_start: ping x", actorId: "x", attributes: {}, timeMs: 1 },
    });
    engine.dispatch({ type: "daemon", event: { type: "container", action: "exec_die", actorId: "x", attributes: {}, timeMs: 2 } });
    expect(woken).toBe(0);
    engine.dispatch({ type: "daemon", event: { type: "container", action: "start", actorId: "x", attributes: {}, timeMs: 3 } });
    expect(woken).toBe(1);
  });

  it("names the newest event received by the verdict, and keeps the proof after saying it, before the next step", async () => {
    const said: string[] = [];
    let started = false;
    let release: () => void = () => undefined;
    const engine = new LessonEngine(
      {
        lesson: demoLesson,
        evaluate: async () => {
          // The round that starts on `create` reads what `start` brings: Docker answers once the start is done.
          if (!started) await new Promise<void>((resolve) => (release = resolve));
          return [{ kind: "image", pass: started, expected: "e", actual: "a" }];
        },
        afterPass: async (step) => {
          said.push(`proof ${step.id}`);
        },
        expectedAnswer: async () => [],
        record: new LessonRecord(
          new ProgressStore(join(mkdtempSync(join(tmpdir(), "dtt-engine-")), "progress.json"), () => undefined),
          demoLesson.id,
          () => new Date(),
        ),
        emit: (o) => said.push(o.type === "passed" ? `passed ${JSON.stringify(o.trigger)}` : o.type),
      },
      0,
    );
    engine.pauseAfterEachStep();
    engine.start(); // its arrival round waits as well
    await new Promise((resolve) => setTimeout(resolve, 5));
    release();
    await new Promise((resolve) => setTimeout(resolve, 5));
    engine.dispatch({ type: "daemon", event: { type: "container", action: "create", actorId: "x", attributes: {}, timeMs: 1000 } });
    await new Promise((resolve) => setTimeout(resolve, 5));
    started = true;
    engine.dispatch({ type: "daemon", event: { type: "container", action: "start", actorId: "x", attributes: {}, timeMs: 1300 } });
    release();
    await engine.idle();
    const passed = `passed ${JSON.stringify({ kind: "daemon-event", eventTimeMs: 1000, action: "container create", latestEventTimeMs: 1300, latestAction: "container start" })}`;
    expect(said).toEqual(["step", passed, "proof one", "waiting"]);
  });
});

describe("LessonEngine: a proof that cannot be kept", () => {
  it("is said as a warning, and the lesson still goes on to the next step", async () => {
    const outputs: LessonOutput[] = [];
    const engine = new LessonEngine(
      {
        lesson: demoLesson,
        evaluate: async (step) => [{ kind: "image", pass: step.id === "one", expected: "e", actual: "a" }],
        afterPass: async () => {
          throw new Error("the daemon went away");
        },
        expectedAnswer: async () => [],
        record: new LessonRecord(
          new ProgressStore(join(mkdtempSync(join(tmpdir(), "dtt-engine-")), "progress.json"), () => undefined),
          demoLesson.id,
          () => new Date(),
        ),
        emit: (o) => outputs.push(o),
      },
      0,
    );
    engine.start();
    await engine.idle();
    expect(outputs.map((o) => (o.type === "warning" ? `warning: ${o.message}` : o.type))).toEqual([
      "step",
      "passed",
      "warning: the daemon went away",
      "step",
    ]);
  });
});

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
    expect(h.outputs.at(-1)).toEqual({ type: "lesson-done", passed: 2, skipped: 1, total: 3, quizzes: { answered: 1, right: 1 } });
    expect(h.progress.lesson("demo")?.steps.quiz).toMatchObject({ status: "passed", answer: "42", correct: true });
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

describe("LessonEngine at the learner's pace", () => {
  it("a pass is said, then the lesson waits for Enter: events and typed commands meanwhile start no round", async () => {
    const present = new Set<string>();
    const h = harness(present, undefined, { pause: true });
    h.engine.start();
    await h.settle();
    present.add("a");
    h.daemonEvent("pull");
    await h.settle();
    expect(h.types()).toEqual(["step", "passed", "waiting"]);
    const rounds = h.rounds();
    present.add("b"); // the next step's state arrives before the learner has read this one
    h.daemonEvent("tag");
    h.engine.dispatch({ type: "command", line: "docker image ls", exitCode: 0, stepIndex: 0 });
    h.engine.dispatch({ type: "key", key: "check" });
    await h.settle();
    expect(h.rounds()).toBe(rounds);
    expect(h.types()).toEqual(["step", "passed", "waiting", "notice"]);
    h.engine.dispatch({ type: "continue", stepIndex: 0 });
    await h.settle();
    // Already true on arrival: said as such, and it waits too.
    expect(h.types().slice(4)).toEqual(["step", "passed", "waiting"]);
    expect(h.outputs[5]).toMatchObject({ type: "passed", trigger: { kind: "start" } });
    // A stray second Enter names the step left before: it does not skip this one.
    h.engine.dispatch({ type: "continue", stepIndex: 0 });
    await h.settle();
    expect(h.engine.currentIndex).toBe(1);
    h.engine.dispatch({ type: "continue", stepIndex: 1 });
    await h.settle();
    expect(h.engine.currentIndex).toBe(2);
    expect(h.types().at(-1)).toBe("quiz");
  });

  it("without pauseAfterEachStep (scripts, tests, solve) the lesson moves on by itself", async () => {
    const h = harness(new Set(["a", "b"]));
    h.engine.start();
    await h.settle();
    expect(h.types()).toEqual(["step", "passed", "step", "passed", "step", "quiz"]);
    expect(h.types()).not.toContain("waiting");
  });

  it("q while waiting leaves", async () => {
    const h = harness(new Set(["a"]), undefined, { pause: true });
    h.engine.start();
    await h.settle();
    h.engine.dispatch({ type: "key", key: "quit" });
    expect(await h.engine.ended).toBe("quit");
  });

  it("a wrong answer can be tried again; the first answer is what is recorded", async () => {
    const h = harness(new Set(), undefined, { of: quizLesson, pause: true });
    const shown = choiceOrder("quizzes/pick", ["right one", "wrong a", "wrong b", "wrong c"]);
    h.engine.start();
    await h.settle();
    const quiz = h.outputs.find((o) => o.type === "quiz");
    expect(quiz?.type === "quiz" && quiz.choices).toEqual(shown);
    const wrong = shown.findIndex((c) => c !== "right one") + 1;
    h.engine.dispatch({ type: "answer", value: String(wrong) });
    await h.settle();
    expect(h.outputs.at(-1)).toMatchObject({ type: "quiz-result", verdict: "wrong", correct: false });
    expect(h.engine.currentIndex).toBe(0);
    expect(h.recorded("pick")).toMatchObject({ status: "passed", answer: shown[wrong - 1], correct: false });
    h.engine.dispatch({ type: "answer", value: "Right One" });
    await h.settle();
    expect(h.outputs.slice(-2)).toMatchObject([
      { type: "quiz-result", verdict: "right", explanation: "why" },
      { type: "waiting", index: 0 },
    ]);
    expect(h.recorded("pick")).toMatchObject({ answer: shown[wrong - 1], correct: false });
  });

  it("a select quiz takes the number of a choice as shown; a line that names no choice is not an answer", async () => {
    const h = harness(new Set(), undefined, { of: quizLesson });
    const shown = choiceOrder("quizzes/pick", ["right one", "wrong a", "wrong b", "wrong c"]);
    h.engine.start();
    h.engine.dispatch({ type: "answer", value: "7" });
    h.engine.dispatch({ type: "answer", value: "bridge" });
    await h.settle();
    expect(h.types().slice(-2)).toEqual(["notice", "notice"]);
    expect(h.recorded("pick")).toBeUndefined();
    h.engine.dispatch({ type: "answer", value: `${shown.indexOf("right one") + 1}` });
    await h.settle();
    expect(h.recorded("pick")).toMatchObject({ answer: "right one", correct: true });
  });

  it("s at a quiz shows the answer and its why, and counts as not right first time; c and r say there is nothing to do", async () => {
    const h = harness(new Set(), undefined, { of: quizLesson, pause: true });
    h.engine.start();
    h.engine.dispatch({ type: "key", key: "check" });
    h.engine.dispatch({ type: "key", key: "run" });
    await h.settle();
    expect(h.types().slice(-2)).toEqual(["notice", "notice"]);
    expect(h.engine.currentIndex).toBe(0);
    h.engine.dispatch({ type: "key", key: "solution" });
    await h.settle();
    expect(h.outputs.slice(-2)).toMatchObject([
      { type: "quiz-result", verdict: "shown", expected: "right one", explanation: "why" },
      { type: "waiting" },
    ]);
    expect(h.recorded("pick")).toMatchObject({ status: "passed", correct: false });
  });

  it("skipping a quiz after a wrong answer keeps that answer; the end counts answers right first time", async () => {
    const h = harness(new Set(["a"]), undefined, { of: quizLesson });
    h.engine.start();
    h.engine.dispatch({ type: "answer", value: "wrong a" });
    h.engine.dispatch({ type: "key", key: "skip" });
    await h.settle();
    expect(h.recorded("pick")).toMatchObject({ status: "passed", answer: "wrong a", correct: false });
    h.engine.dispatch({ type: "answer", value: "yes" });
    expect(await h.engine.ended).toBe("finished");
    expect(h.outputs.at(-1)).toEqual({ type: "lesson-done", passed: 3, skipped: 0, total: 3, quizzes: { answered: 2, right: 1 } });
  });

  it("after a typed command, a step the daemon has not finished settling passes on a second look instead of saying not yet", async () => {
    const present = new Set<string>();
    const h = harness(present);
    h.engine.start();
    await h.settle();
    const rounds = h.rounds();
    h.engine.dispatch({ type: "command", line: "docker pull a", exitCode: 0, stepIndex: 0 });
    setTimeout(() => present.add("a"), 1); // the state arrives a moment after the command returned
    await h.settle();
    // the command's round, the second look, and the next step's arrival check
    expect(h.rounds() - rounds).toBe(3);
    expect(h.types()).toEqual(["step", "passed", "step"]);
  });

  it("a typed command at a quiz is no answer: nothing is graded", async () => {
    const h = harness(new Set(), undefined, { of: quizLesson });
    h.engine.start();
    h.engine.dispatch({ type: "command", line: "docker network ls", exitCode: 0, stepIndex: 0 });
    await h.settle();
    expect(h.types()).toEqual(["step", "quiz"]);
    expect(h.recorded("pick")).toBeUndefined();
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
