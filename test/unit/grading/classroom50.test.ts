import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { LessonGrade, StepGrade } from "../../../src/engine/grade.js";
import { classroom50Result, type GradedLesson } from "../../../src/grading/classroom50.js";

/**
 * The file Classroom 50 reads, field by field as issue 18 lists them: strict, so a field too many
 * or one missing fails. Environment fields are strings or null (never absent).
 */
const fromEnv = z.string().min(1).nullable();
const resultFile = z.strictObject({
  schema: z.literal("classroom50/result/v1"),
  classroom: fromEnv,
  assignment: fromEnv,
  submission: fromEnv,
  commit: fromEnv,
  release: fromEnv,
  review: fromEnv,
  datetime: z.iso.datetime(),
  score: z.number().min(0),
  "max-score": z.number().min(0),
  tests: z.array(
    z.strictObject({ "test-name": z.string().min(1), passed: z.boolean(), score: z.number().min(0), "max-score": z.number().min(0) }),
  ),
});

let stepNumber = 0;
const step = (id: string, pass: boolean | null, kind: StepGrade["kind"] = "task"): StepGrade => ({
  id,
  number: ++stepNumber,
  evidence: pass === null ? null : "live",
  title: `Title of ${id}`,
  kind,
  pass,
  checks: [],
  hintsUsed: 0,
});

function graded(number: number, steps: StepGrade[], points: Record<string, number> = {}): GradedLesson {
  const tasks = steps.filter((s) => s.kind === "task");
  const grade: LessonGrade = {
    lesson: { number, id: `lesson-${number}`, slug: `slug-${number}`, title: `Lesson ${number}` },
    steps,
    passed: tasks.filter((s) => s.pass === true).length,
    total: tasks.length,
    hintsUsed: 0,
  };
  return { grade, lesson: { steps: steps.map((s) => ({ id: s.id, ...(s.id in points ? { points: points[s.id] } : {}) })) } };
}

const runnerEnv = {
  CLASSROOM: "docker-101",
  ASSIGNMENT: "lab-4",
  SUBMISSION_TAG: "submission-3",
  COMMIT_URL: "https://github.com/c/lab-4-ann/commit/abc",
  RELEASE_URL: "https://github.com/c/lab-4-ann/releases/tag/submission-3",
  REVIEW_URL: "https://github.com/c/lab-4-ann/pull/1",
};
const at = new Date("2026-12-07T14:02:03.000Z");

describe("classroom50Result: the result.json of a grading run", () => {
  it("has every field issue 18 lists, filled from the runner's environment, and validates", () => {
    const result = classroom50Result([graded(4, [step("a", true), step("b", false)])], runnerEnv, at);
    expect(resultFile.parse(result)).toEqual(result);
    expect(result).toMatchObject({
      schema: "classroom50/result/v1",
      classroom: "docker-101",
      assignment: "lab-4",
      submission: "submission-3",
      commit: runnerEnv.COMMIT_URL,
      release: runnerEnv.RELEASE_URL,
      review: runnerEnv.REVIEW_URL,
      datetime: "2026-12-07T14:02:03.000Z",
    });
  });

  it("a variable the runner did not set, or set empty, is null, and the file still validates", () => {
    const result = classroom50Result([graded(1, [step("a", true)])], { CLASSROOM: "docker-101", REVIEW_URL: "" }, at);
    expect(resultFile.safeParse(result).success).toBe(true);
    expect([result.classroom, result.assignment, result.submission, result.commit, result.release, result.review]).toEqual([
      "docker-101",
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(Object.keys(result)).toContain("review");
  });

  it("gives partial credit by step: each passing task step earns its points, 1 when the lesson sets none", () => {
    const lesson = graded(4, [step("a", true), step("b", false), step("c", true), step("d", true)], { b: 3, c: 2, d: 0.5 });
    const result = classroom50Result([lesson], {}, at);
    expect(result.tests).toEqual([
      { "test-name": "a: Title of a", passed: true, score: 1, "max-score": 1 },
      { "test-name": "b: Title of b", passed: false, score: 0, "max-score": 3 },
      { "test-name": "c: Title of c", passed: true, score: 2, "max-score": 2 },
      { "test-name": "d: Title of d", passed: true, score: 0.5, "max-score": 0.5 },
    ]);
    expect([result.score, result["max-score"]]).toEqual([3.5, 6.5]);
  });

  it("leaves quizzes out, as check's score does, and counts a step of any other kind (a challenge) as a test", () => {
    const lesson = graded(3, [step("t", true), step("q", true, "quiz"), step("c", false, "challenge" as StepGrade["kind"])]);
    const result = classroom50Result([lesson], {}, at);
    expect(result.tests.map((t) => t["test-name"])).toEqual(["t: Title of t", "c: Title of c"]);
    expect([result.score, result["max-score"]]).toEqual([1, 2]);
  });

  it("with several lessons, each test names its lesson, so names stay unique", () => {
    const result = classroom50Result([graded(1, [step("a", true)]), graded(2, [step("a", false)])], {}, at);
    expect(result.tests.map((t) => t["test-name"])).toEqual(["lesson 1 · a: Title of a", "lesson 2 · a: Title of a"]);
    expect(new Set(result.tests.map((t) => t["test-name"])).size).toBe(2);
  });

  it("adds fractional points without floating-point dust", () => {
    const steps = Array.from({ length: 3 }, (_, i) => step(`s${i}`, true));
    const result = classroom50Result([graded(1, steps, { s0: 0.1, s1: 0.2, s2: 0.3 })], {}, at);
    expect(result.score).toBe(0.6);
  });

  it("a grade with no task steps scores 0 of 0 and still validates", () => {
    const result = classroom50Result([graded(1, [step("q", null, "quiz")])], {}, at);
    expect(resultFile.safeParse(result).success).toBe(true);
    expect([result.score, result["max-score"], result.tests]).toEqual([0, 0, []]);
  });
});
