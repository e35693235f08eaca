import type { CheckResult } from "../checks/check.js";
import { httpGet } from "../checks/http-get.js";
import { evaluateChecks } from "../checks/registry.js";
import type { DockerClient } from "../docker/client.js";
import { createRound } from "../docker/round.js";
import { playgroundFor } from "../env/playground-nodes.js";
import type { CatalogEntry } from "../lessons/catalog.js";
import type { LessonProgress } from "../progress/store.js";

export interface StepGrade {
  readonly id: string;
  readonly title: string;
  readonly kind: "task" | "quiz";
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
 * Grades the daemon's current state against a lesson: task steps from live state (reading only,
 * one shared round), quiz steps from the answers recorded in progress.
 */
export async function gradeLesson(
  client: DockerClient,
  entry: CatalogEntry,
  progress: LessonProgress | undefined,
  options: { stepIndex?: number; now: () => Date },
): Promise<LessonGrade> {
  const { lesson } = entry;
  const steps = options.stepIndex === undefined ? lesson.steps : lesson.steps.slice(options.stepIndex, options.stepIndex + 1);
  const snapshot = progress?.snapshot;
  const scope = {
    // Without a recorded start, everything on the daemon counts as made "during the lesson".
    startedAt: snapshot ? new Date(snapshot.takenAt) : new Date(0),
    preexistingContainerIds: new Set(snapshot?.containers ?? []),
  };
  const docker = createRound(client);
  const nodes = playgroundFor(client, lesson)?.round();
  const grades = await Promise.all(
    steps.map(async (step): Promise<StepGrade> => {
      const hintsUsed = progress?.steps[step.id]?.hintsUsed ?? progress?.hints[step.id] ?? 0;
      if (step.kind === "quiz") {
        const recorded = progress?.steps[step.id];
        return { id: step.id, title: step.title, kind: "quiz", pass: recorded?.correct ?? null, checks: [], hintsUsed };
      }
      const results: readonly CheckResult[] = await evaluateChecks(step.checks, { docker, scope, httpGet, ...(nodes ? { nodes } : {}) });
      return {
        id: step.id,
        title: step.title,
        kind: "task",
        pass: results.every((r) => r.pass),
        checks: results.map((r) => ({ ...r })),
        hintsUsed,
      };
    }),
  );
  const tasks = grades.filter((g) => g.kind === "task");
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
