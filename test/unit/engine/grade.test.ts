import { describe, expect, it } from "vitest";
import type { CheckResult } from "../../../src/checks/check.js";
import { gradeSteps } from "../../../src/engine/grade.js";
import { lessonSchema, type Step } from "../../../src/lessons/schema.js";
import type { LessonProgress, StepPass } from "../../../src/progress/store.js";

/** Four task steps and a quiz: `connect` and `disconnect` look at the same container and network, as in lesson 4. */
const lesson = lessonSchema.parse({
  format: 1,
  id: "nets",
  number: 4,
  slug: "nets",
  title: "Nets",
  summary: "s",
  minutes: 1,
  steps: [
    { id: "run", title: "Run it", text: "t", checks: [{ kind: "container", name: "web", state: "running" }] },
    {
      id: "connect",
      title: "Connect",
      text: "t",
      checks: [
        { kind: "container", name: "pinger", networks: ["bridge", "net"] },
        { kind: "network", name: "net", containers: ["pinger"] },
      ],
    },
    { id: "pick", title: "Pick", text: "t", kind: "quiz", quiz: { type: "input", question: "q", answer: "a", explanation: "e" } },
    { id: "other", title: "Other", text: "t", checks: [{ kind: "volume", name: "data" }] },
    {
      id: "disconnect",
      title: "Disconnect",
      text: "t",
      checks: [
        { kind: "action", action: "disconnect", name: "pinger", network: "net" },
        { kind: "network", name: "net", notContainers: ["pinger"] },
      ],
    },
  ],
});

const NOW = new Date("2026-12-06T15:00:00Z");
const result = (kind: CheckResult["kind"], pass: boolean): CheckResult => ({
  kind,
  pass,
  expected: `${kind} as wanted`,
  actual: pass ? `${kind} as wanted` : `${kind} otherwise`,
});
const seen = (at: string, resources: StepPass["resources"] = []): StepPass => ({
  at,
  by: "lesson",
  checks: [{ kind: "container", expected: "then", actual: "then" }],
  resources,
});
const progress = (more: Partial<LessonProgress> = {}): LessonProgress => ({
  startedAt: "2026-12-06T14:00:00.000Z",
  steps: {},
  hints: {},
  ...more,
});

/** Live verdicts by step id: `true` all checks pass, `false` the first one fails. */
const daemonWhere = (passing: Record<string, boolean>) => async (step: Step) =>
  step.checks.map((c, i) => result(c.kind, passing[step.id] === true || i > 0));

describe("gradeSteps: live state, recorded passes, and neither", () => {
  it("a step passing now is live, stamped with the grading's time", async () => {
    const grade = await gradeSteps(lesson, progress(), daemonWhere({ run: true }), { now: NOW });
    expect(grade.steps[0]).toMatchObject({ id: "run", number: 1, pass: true, evidence: "live", at: NOW.toISOString() });
  });

  it("a step failing now that the tutor saw pass counts as passed, by its record, naming the later step that changed it", async () => {
    const passes = {
      connect: seen("2026-12-06T14:02:00.000Z", [
        { ref: "container:pinger", id: "p1" },
        { ref: "network:net", id: "n1" },
      ]),
      disconnect: seen("2026-12-06T14:05:00.000Z", [{ ref: "container:pinger", id: "p1" }]),
    };
    const grade = await gradeSteps(lesson, progress({ passes }), daemonWhere({ disconnect: true }), { now: NOW });
    const connect = grade.steps.find((s) => s.id === "connect");
    expect(connect).toMatchObject({
      pass: true,
      evidence: "recorded",
      at: "2026-12-06T14:02:00.000Z",
      changedBy: { id: "disconnect", number: 5 },
      checks: [{ kind: "container", pass: true, expected: "then", actual: "then" }],
    });
    expect(grade).toMatchObject({ passed: 2, total: 4 });
  });

  it("names the later step that saw one of its resources under another id (a container replaced) before one that only touched it", async () => {
    const three = lessonSchema.parse({
      ...lesson,
      steps: [
        { id: "a", title: "A", text: "t", checks: [{ kind: "container", name: "web", state: "running" }] },
        { id: "b", title: "B", text: "t", checks: [{ kind: "container", name: "web", state: "running" }] },
        { id: "c", title: "C", text: "t", checks: [{ kind: "container", name: "web", state: "exited" }] },
      ],
    });
    const passes = {
      a: seen("2026-12-06T14:01:00.000Z", [{ ref: "container:web", id: "w1" }]),
      b: seen("2026-12-06T14:02:00.000Z", [{ ref: "container:web", id: "w1" }]),
      c: seen("2026-12-06T14:03:00.000Z", [{ ref: "container:web", id: "w2" }]),
    };
    const grade = await gradeSteps(three, progress({ passes }), daemonWhere({ c: true }), { now: NOW });
    expect(grade.steps.map((s) => [s.id, s.evidence, s.changedBy?.id])).toEqual([
      ["a", "recorded", "c"],
      ["b", "recorded", "c"],
      ["c", "live", undefined],
    ]);
  });

  it("--live grades current state only: the record does not count", async () => {
    const passes = { connect: seen("2026-12-06T14:02:00.000Z") };
    const grade = await gradeSteps(lesson, progress({ passes }), daemonWhere({}), { now: NOW, live: true });
    const connect = grade.steps.find((s) => s.id === "connect");
    expect(connect).toMatchObject({ pass: false, evidence: null, recordedAt: "2026-12-06T14:02:00.000Z" });
    // the record is there, set aside: not "no record of it exists"
    expect(connect?.unrecorded).toBeUndefined();
    expect(grade.passed).toBe(0);
  });

  it("a skipped step is no pass: only a pass the tutor saw is recorded", async () => {
    const steps = { connect: { status: "skipped" as const, at: "2026-12-06T14:02:00.000Z", hintsUsed: 0 } };
    const grade = await gradeSteps(lesson, progress({ steps }), daemonWhere({}), { now: NOW });
    expect(grade.steps.find((s) => s.id === "connect")).toMatchObject({ pass: false, evidence: null });
  });

  it("a failing step with no record, whose resources a later passing step touched, is marked: its state may be gone", async () => {
    const grade = await gradeSteps(lesson, progress(), daemonWhere({ disconnect: true }), { now: NOW });
    const byId = Object.fromEntries(grade.steps.map((s) => [s.id, s]));
    expect(byId.connect).toMatchObject({ pass: false, evidence: null, unrecorded: true });
    // nothing later touches `web` or `data`: those failing steps are simply not done
    expect(byId.run?.unrecorded).toBeUndefined();
    expect(byId.other?.unrecorded).toBeUndefined();
    expect(byId.connect?.checks[0]).toMatchObject({ pass: false, actual: "container otherwise" });
  });

  it("a quiz is graded by its recorded answer: evidence recorded with the answer's time, or null unanswered", async () => {
    const answered = progress({ steps: { pick: { status: "passed", at: "2026-12-06T14:03:00.000Z", hintsUsed: 0, correct: true } } });
    const quiz = async (p: LessonProgress) =>
      (await gradeSteps(lesson, p, daemonWhere({}), { now: NOW })).steps.find((s) => s.id === "pick");
    expect(await quiz(answered)).toMatchObject({ kind: "quiz", pass: true, evidence: "recorded", at: "2026-12-06T14:03:00.000Z" });
    expect(await quiz(progress())).toMatchObject({ kind: "quiz", pass: null, evidence: null });
  });

  it("one step alone (--step) keeps its number in the lesson and still finds its record", async () => {
    const passes = { other: seen("2026-12-06T14:04:00.000Z") };
    const grade = await gradeSteps(lesson, progress({ passes }), daemonWhere({}), { now: NOW, stepIndex: 3 });
    expect(grade.steps).toHaveLength(1);
    expect(grade.steps[0]).toMatchObject({ id: "other", number: 4, pass: true, evidence: "recorded" });
    expect(grade.steps[0]?.changedBy).toBeUndefined();
  });
});
