import type { SolutionAction, Step } from "./schema.js";

/** One list of actions a step may run, with where it is written in the lesson file. */
export interface ActionList {
  /** From the lesson's root, e.g. `["steps", 3, "wrongAttempts", 0, "actions"]`. */
  readonly path: readonly (string | number)[];
  /** How an author finds it: `solution`, `alternative 1`, `wrong attempt 2`. */
  readonly label: string;
  readonly actions: readonly SolutionAction[];
}

/**
 * Every list of actions of step `i`: its solution, and a challenge's alternatives and wrong
 * attempts. Each runs on the daemon (solve, show me, test), so each is held to the same rules.
 */
export function actionLists(step: Step, i: number): ActionList[] {
  return [
    { path: ["steps", i, "solution"], label: "solution", actions: step.solution },
    ...step.alternatives.map((actions, k) => ({ path: ["steps", i, "alternatives", k], label: `alternative ${k + 1}`, actions })),
    ...step.wrongAttempts.map((attempt, k) => ({
      path: ["steps", i, "wrongAttempts", k, "actions"],
      label: `wrong attempt ${k + 1}`,
      actions: attempt.actions,
    })),
  ];
}
