import type { CheckResult } from "../checks/check.js";
import type { LessonRun } from "../engine/lesson-run.js";
import type { SolutionAction, Step } from "../lessons/schema.js";
import { backToStart, markStart, type RunMark } from "./attempt-start.js";
import { failsList, wrongAttemptVerdict } from "./attempt-verdict.js";
import { captured } from "./captured-output.js";
import type { StepOutcome } from "./lesson-test.js";
import type { QuickSolving } from "./quick-solving.js";

export interface AttemptOptions {
  /** How long an alternative may take to turn its checks green. */
  readonly settleMs: number;
  readonly signal: AbortSignal | undefined;
  readonly workspace: string;
  readonly mark: RunMark;
  /** The test run's shortcuts for solutions (quick-solving.ts). */
  readonly quick?: QuickSolving;
}

type Outcome = Omit<StepOutcome, "lesson">;

interface Attempt {
  readonly kind: "alternative" | "wrong";
  readonly number: number;
  readonly title: string;
  readonly actions: readonly SolutionAction[];
  readonly fails: readonly string[];
}

/** How long a near miss is watched: a check that would turn green a moment later must have the chance. */
const WRONG_WATCH_MS = 2000;
/** Swarm state arrives in seconds (`service create` waits for its tasks, a `scale` may not): a near miss there is watched longer. */
const SWARM_WATCH_MS = 6000;
const POLL_MS = 250;

export const hasAttempts = (step: Step): boolean => step.alternatives.length + step.wrongAttempts.length > 0;

/**
 * A challenge's other solutions and known near misses, each from the state the step began in:
 * near misses first, then alternatives, and what each made is removed before the next, so that
 * the step's own solution, run after them, leaves the state later steps build on.
 */
export async function tryAttempts(run: LessonRun, step: Step, options: AttemptOptions): Promise<Outcome[]> {
  const start = await markStart(run.client, options.workspace);
  const attempts: Attempt[] = [
    ...step.wrongAttempts.map((w, i) => ({
      kind: "wrong" as const,
      number: i + 1,
      title: w.title,
      actions: w.actions,
      fails: failsList(w.fails),
    })),
    ...step.alternatives.map((actions, i) => ({
      kind: "alternative" as const,
      number: i + 1,
      title: "another solution",
      actions,
      fails: [],
    })),
  ];
  const outcomes: Outcome[] = [];
  for (const attempt of attempts) {
    if (options.signal?.aborted) break;
    const outcome = await tryOne(run, step, attempt, options);
    const left = await backToStart(run.client, start, options.workspace, options.mark, { killTasks: options.quick !== undefined });
    outcomes.push(
      left.length === 0
        ? outcome
        : {
            ...outcome,
            ok: false,
            message: `${outcome.message ? `${outcome.message}; ` : ""}it changed what the step began with, so the next attempt cannot start from it (an attempt may only make new things): ${left.join(", ")}`,
          },
    );
  }
  // The step's own solution comes next: only what happens from now on counts for it.
  await run.enterStep(step);
  return outcomes;
}

async function tryOne(run: LessonRun, step: Step, attempt: Attempt, options: AttemptOptions): Promise<Outcome> {
  const started = Date.now();
  const base = {
    id: step.id,
    title: attempt.kind === "wrong" ? `${attempt.title} (must be refused)` : "another correct solution (must pass)",
    attempt: {
      kind: attempt.kind,
      number: attempt.number,
      label: `${attempt.kind === "wrong" ? "wrong attempt" : "alternative"} ${attempt.number}`,
    },
  };
  const elapsed = () => Date.now() - started;
  // Each attempt is a learner arriving at the step: what an earlier one did (an exec, a ping) never counts for it.
  await run.enterStep(step);
  const output = captured();
  const { signal } = options;
  const solved = await run.runSolution(
    { ...step, solution: [...attempt.actions] },
    {
      stdout: output.stream,
      stderr: output.stream,
      announce: (what) => output.stream.write(`${what}\n`),
      ...options.quick,
      ...(signal ? { signal } : {}),
    },
  );
  if (!solved.ok && solved.interrupted) return { ...base, ok: false, ms: elapsed(), phase: "solve", message: "stopped by Ctrl-C" };
  if (attempt.kind === "alternative") {
    if (!solved.ok) {
      return {
        ...base,
        ok: false,
        ms: elapsed(),
        phase: "solve",
        message: `\`${solved.failed}\` exited with ${solved.exitCode}: ${output.tail()}`,
      };
    }
    const results = await run.settle(step, { until: Date.now() + options.settleMs, ...(signal ? { signal } : {}) });
    const failing = results.filter((r) => !r.pass);
    if (failing.length === 0) return { ...base, ok: true, ms: elapsed(), phase: "after" };
    return {
      ...base,
      ok: false,
      ms: elapsed(),
      phase: "after",
      message: "the checks refuse this other correct solution: they must accept any valid one",
      expected: failing.map((r) => r.expected).join("; "),
      actual: failing.map((r) => r.actual).join("; "),
    };
  }
  // A near miss may fail a command, as a learner's might: what the checks then say is what counts.
  const results = await watch(run, step, signal);
  return { ...base, ...wrongAttemptVerdict(results, attempt.fails), ms: elapsed(), phase: "after" };
}

/** The checks, again and again for a moment: a near miss the checks accept even once is accepted. */
async function watch(run: LessonRun, step: Step, signal: AbortSignal | undefined): Promise<CheckResult[]> {
  const swarm = step.checks.some((c) => c.kind === "service" || c.kind === "stack" || c.kind === "swarm" || ("node" in c && c.node));
  const until = Date.now() + (swarm ? SWARM_WATCH_MS : WRONG_WATCH_MS);
  for (;;) {
    const results = await run.evaluate(step);
    if (results.every((r) => r.pass) || Date.now() >= until || signal?.aborted) return results;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
