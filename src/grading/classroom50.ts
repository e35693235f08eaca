import type { LessonGrade } from "../engine/grade.js";

/**
 * The result file Classroom 50 (foundation50/classroom50, GitHub Classroom's successor) reads after
 * a grading workflow: issue 18 names its fields. Keys are always present; a field whose variable
 * the runner did not set (or set empty) is null, so a reader never has to tell absent from null.
 */
export interface Classroom50Result {
  readonly schema: "classroom50/result/v1";
  readonly classroom: string | null;
  readonly assignment: string | null;
  readonly submission: string | null;
  readonly commit: string | null;
  readonly release: string | null;
  readonly review: string | null;
  /** ISO 8601, UTC. */
  readonly datetime: string;
  readonly score: number;
  readonly "max-score": number;
  readonly tests: readonly Classroom50Test[];
}

export interface Classroom50Test {
  readonly "test-name": string;
  readonly passed: boolean;
  readonly score: number;
  readonly "max-score": number;
}

/** Where each field comes from in the runner's environment. */
export const CLASSROOM50_ENV = {
  classroom: "CLASSROOM",
  assignment: "ASSIGNMENT",
  submission: "SUBMISSION_TAG",
  commit: "COMMIT_URL",
  release: "RELEASE_URL",
  review: "REVIEW_URL",
} as const;

/** A graded lesson with what its steps are worth: the lesson file's `points:` (1 when absent). */
export interface GradedLesson {
  readonly grade: LessonGrade;
  readonly lesson: { readonly steps: readonly { readonly id: string; readonly points?: number | undefined }[] };
}

/**
 * One test per graded task step, worth its points when it passes (now, or by recorded evidence)
 * and nothing when not: partial credit by step. Quizzes count as they do in check's score: not at all.
 * With several lessons each test's name starts with its lesson, so names stay unique.
 */
export function classroom50Result(
  graded: readonly GradedLesson[],
  env: Readonly<Record<string, string | undefined>>,
  at: Date,
): Classroom50Result {
  const tests = graded.flatMap(({ grade, lesson }) => {
    const worth = new Map(lesson.steps.map((s) => [s.id, s.points ?? 1]));
    const prefix = graded.length > 1 ? `lesson ${grade.lesson.number} · ` : "";
    return grade.steps
      .filter((step) => step.kind !== "quiz")
      .map((step): Classroom50Test => {
        const max = worth.get(step.id) ?? 1;
        const passed = step.pass === true;
        return { "test-name": `${prefix}${step.id}: ${step.title}`, passed, score: passed ? max : 0, "max-score": max };
      });
  });
  const fromEnv = (name: string) => {
    const value = env[name];
    return value === undefined || value === "" ? null : value;
  };
  return {
    schema: "classroom50/result/v1",
    classroom: fromEnv(CLASSROOM50_ENV.classroom),
    assignment: fromEnv(CLASSROOM50_ENV.assignment),
    submission: fromEnv(CLASSROOM50_ENV.submission),
    commit: fromEnv(CLASSROOM50_ENV.commit),
    release: fromEnv(CLASSROOM50_ENV.release),
    review: fromEnv(CLASSROOM50_ENV.review),
    datetime: at.toISOString(),
    score: sum(tests.map((t) => t.score)),
    "max-score": sum(tests.map((t) => t["max-score"])),
    tests,
  };
}

/** Points like 0.5 add up without 0.30000000000000004. */
const sum = (values: readonly number[]) => Math.round(values.reduce((a, b) => a + b, 0) * 1e6) / 1e6;
