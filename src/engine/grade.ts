import type { CheckResult } from "../checks/check.js";
import type { Lesson, Step } from "../lessons/schema.js";
import type { LessonProgress } from "../progress/store.js";

export interface StepGrade {
  readonly id: string;
  readonly title: string;
  /** A challenge is graded as a task; its kind is said so that a report can tell it apart. */
  readonly kind: "task" | "quiz" | "challenge";
  /** null: a quiz never answered. */
  readonly pass: boolean | null;
  readonly checks: readonly { kind: string; pass: boolean; expected: string; actual: string }[];
  readonly hintsUsed: number;
}

export interface LessonGrade {
  readonly lesson: { readonly number: number; readonly id: string; readonly slug: string; readonly title: string };
  readonly steps: readonly StepGrade[];
  /** Task steps passed; quizzes never count toward the exit code. */
  readonly passed: number;
  readonly total: number;
  /** From the learner's progress: hints shown over all steps, and how long from start to the last step done. */
  readonly hintsUsed: number;
  readonly timeTakenMs?: number;
}

/**
 * Grades a lesson: task steps by `evaluate` (live state), quiz steps from the answers recorded in
 * progress; `stepIndex` grades that step alone.
 */
export async function gradeSteps(
  lesson: Lesson,
  progress: LessonProgress | undefined,
  evaluate: (step: Step) => Promise<readonly CheckResult[]>,
  stepIndex?: number,
): Promise<LessonGrade> {
  const steps = stepIndex === undefined ? lesson.steps : lesson.steps.slice(stepIndex, stepIndex + 1);
  const grades = await Promise.all(
    steps.map(async (step): Promise<StepGrade> => {
      const hintsUsed = progress?.steps[step.id]?.hintsUsed ?? progress?.hints[step.id] ?? 0;
      if (step.kind === "quiz") {
        const recorded = progress?.steps[step.id];
        return { id: step.id, title: step.title, kind: "quiz", pass: recorded?.correct ?? null, checks: [], hintsUsed };
      }
      const results = await evaluate(step);
      return {
        id: step.id,
        title: step.title,
        kind: step.kind === "challenge" ? "challenge" : "task",
        pass: results.every((r) => r.pass),
        checks: results.map((r) => ({ ...r })),
        hintsUsed,
      };
    }),
  );
  const tasks = grades.filter((g) => g.kind !== "quiz");
  const lastDone = Math.max(0, ...Object.values(progress?.steps ?? {}).map((s) => Date.parse(s.at) || 0));
  const end = progress?.finishedAt ? Date.parse(progress.finishedAt) : lastDone;
  const start = progress ? Date.parse(progress.startedAt) : Number.NaN;
  return {
    lesson: { number: lesson.number, id: lesson.id, slug: lesson.slug, title: lesson.title },
    steps: grades,
    passed: tasks.filter((g) => g.pass === true).length,
    total: tasks.length,
    hintsUsed: grades.reduce((sum, g) => sum + g.hintsUsed, 0),
    ...(Number.isFinite(start) && end > start ? { timeTakenMs: end - start } : {}),
  };
}
