import type { CheckResult } from "../checks/check.js";
import type { Lesson, Step } from "../lessons/schema.js";
import type { LessonProgress, StepPass } from "../progress/store.js";
import { checkReferences, stepReferences } from "./step-proof.js";

/**
 * What a verdict rests on (issue 18): the daemon's state now (`live`), a pass the tutor saw earlier
 * and recorded (`recorded`, also a quiz's recorded answer), or nothing (a failing step, a quiz never answered).
 */
export type Evidence = "live" | "recorded" | null;

export interface GradedCheck {
  readonly kind: string;
  readonly pass: boolean;
  readonly expected: string;
  readonly actual: string;
}

export interface StepGrade {
  readonly id: string;
  /** 1-based, in the lesson. */
  readonly number: number;
  readonly title: string;
  /** A challenge is graded as a task; its kind is said so that a report can tell it apart. */
  readonly kind: "task" | "quiz" | "challenge";
  /** null: a quiz never answered. */
  readonly pass: boolean | null;
  /** A live verdict's checks as they stand now; a recorded pass's as they were when the tutor saw them pass. */
  readonly checks: readonly GradedCheck[];
  readonly hintsUsed: number;
  readonly evidence: Evidence;
  /** When (ISO): the grading's time for a live verdict, when the pass was seen or the quiz answered for a recorded one. */
  readonly at?: string;
  /** A recorded pass: the later step that since changed what it checked, when one can be named (1-based number). */
  readonly changedBy?: { readonly id: string; readonly number: number };
  /**
   * A failing step whose resources a later, passing step touched: its state may be gone, and no
   * record of the tutor seeing it pass exists.
   */
  readonly unrecorded?: boolean;
  /** `check --live` only: a failing step the tutor did see pass, at this time (ISO); the record does not count there. */
  readonly recordedAt?: string;
}

export interface LessonGrade {
  readonly lesson: { readonly number: number; readonly id: string; readonly slug: string; readonly title: string };
  readonly steps: readonly StepGrade[];
  /** Task steps passed, live or recorded; quizzes never count toward the exit code. */
  readonly passed: number;
  readonly total: number;
  /** From the learner's progress: hints shown over all steps, and how long from start to the last step done. */
  readonly hintsUsed: number;
  readonly timeTakenMs?: number;
}

export interface GradeOptions {
  /** 0-based: grade that step alone. */
  readonly stepIndex?: number;
  /** Current state only: recorded passes do not count (`check --live`). */
  readonly live?: boolean;
  /** The grading's time, on the tutor's clock. */
  readonly now?: Date;
}

/**
 * Grades a lesson: task steps by `evaluate` (live state), or else by the pass progress recorded;
 * quiz steps from the answers recorded in progress.
 */
export async function gradeSteps(
  lesson: Lesson,
  progress: LessonProgress | undefined,
  evaluate: (step: Step) => Promise<readonly CheckResult[]>,
  options: GradeOptions = {},
): Promise<LessonGrade> {
  const { stepIndex } = options;
  const now = (options.now ?? new Date()).toISOString();
  const steps = stepIndex === undefined ? lesson.steps : lesson.steps.slice(stepIndex, stepIndex + 1);
  const live = new Map(await Promise.all(steps.filter((s) => s.kind !== "quiz").map(async (s) => [s.id, await evaluate(s)] as const)));
  const passes = options.live ? {} : (progress?.passes ?? {});
  const grades = steps.map((step): StepGrade => {
    const hintsUsed = progress?.steps[step.id]?.hintsUsed ?? progress?.hints[step.id] ?? 0;
    const base = { id: step.id, number: lesson.steps.indexOf(step) + 1, title: step.title, hintsUsed };
    if (step.kind === "quiz") {
      const recorded = progress?.steps[step.id];
      const pass = recorded?.correct ?? null;
      return {
        ...base,
        kind: "quiz",
        pass,
        checks: [],
        evidence: pass === null ? null : "recorded",
        ...(recorded ? { at: recorded.at } : {}),
      };
    }
    const kind = step.kind === "challenge" ? "challenge" : "task";
    const results = live.get(step.id) ?? [];
    const checks = results.map(({ kind, pass, expected, actual }) => ({ kind, pass, expected, actual }));
    if (results.length > 0 && results.every((r) => r.pass)) return { ...base, kind, pass: true, checks, evidence: "live", at: now };
    const failing = new Set(results.flatMap((r, i) => (r.pass ? [] : checkReferences(step.checks[i] as Step["checks"][number]))));
    const recorded = passes[step.id];
    if (recorded) {
      const changedBy = laterChange(lesson, step, recorded, failing, passes, live);
      return {
        ...base,
        kind,
        pass: true,
        checks: recorded.checks.map((c) => ({ ...c, pass: true })),
        evidence: "recorded",
        at: recorded.at,
        ...(changedBy ? { changedBy } : {}),
      };
    }
    const setAside = options.live ? progress?.passes?.[step.id] : undefined;
    if (setAside) return { ...base, kind, pass: false, checks, evidence: null, recordedAt: setAside.at };
    const unrecorded = laterTouches(lesson, step, failing, passes, live).length > 0;
    return { ...base, kind, pass: false, checks, evidence: null, ...(unrecorded ? { unrecorded } : {}) };
  });
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

type LiveResults = ReadonlyMap<string, readonly CheckResult[]>;

/**
 * The later task steps that pass (now, or by a record) and look at one of `refs`: what may have
 * changed the state `step` left. Without failing checks to go by, every resource of the step counts.
 */
function laterTouches(
  lesson: Lesson,
  step: Step,
  refs: ReadonlySet<string>,
  passes: Readonly<Record<string, StepPass>>,
  live: LiveResults,
): { step: Step; number: number }[] {
  const wanted = refs.size > 0 ? refs : new Set(stepReferences(step));
  const from = lesson.steps.indexOf(step);
  const livePass = (s: Step) => {
    const results = live.get(s.id);
    return results !== undefined && results.length > 0 && results.every((r) => r.pass);
  };
  return lesson.steps
    .map((s, i) => ({ step: s, number: i + 1 }))
    .filter(({ step: s, number }) => number - 1 > from && s.kind !== "quiz" && (passes[s.id] !== undefined || livePass(s)))
    .filter(({ step: s }) => stepReferences(s).some((ref) => wanted.has(ref)));
}

/**
 * The later step that changed what a recorded pass checked: the first that saw one of its resources
 * under another id (a container replaced), else the first that touched one of them after it passed.
 */
function laterChange(
  lesson: Lesson,
  step: Step,
  recorded: StepPass,
  refs: ReadonlySet<string>,
  passes: Readonly<Record<string, StepPass>>,
  live: LiveResults,
): { id: string; number: number } | undefined {
  const touching = laterTouches(lesson, step, refs, passes, live).filter(({ step: s }) => {
    const later = passes[s.id];
    return later === undefined || later.at >= recorded.at;
  });
  const idAt = (pass: StepPass | undefined, ref: string) => pass?.resources.find((r) => r.ref === ref)?.id;
  const replaced = touching.find(({ step: s }) =>
    recorded.resources.some((r) => r.id !== undefined && idAt(passes[s.id], r.ref) !== undefined && idAt(passes[s.id], r.ref) !== r.id),
  );
  const found = replaced ?? touching[0];
  return found && { id: found.step.id, number: found.number };
}
