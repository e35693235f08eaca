import { rmSync } from "node:fs";
import { expect } from "vitest";
import type { CheckResult } from "../../src/checks/check.js";
import type { LessonOutput } from "../../src/engine/events.js";
import { builtInLessonsDir, loadCatalog } from "../../src/lessons/catalog.js";
import { freePort, isolatedVariables, newSuffix } from "../../src/testing/isolation.js";
import { lessonWorkspace, startHeadlessLesson } from "./lesson-harness.js";

/**
 * A built-in lesson's variables for one test, as `docker-tutor test` picks them: every name gets a
 * new suffix, every port a free one (no two alike), text keeps its default or the value `given`.
 */
export async function lessonVars(number: number, given: Readonly<Record<string, string>> = {}): Promise<Record<string, string>> {
  const entry = loadCatalog([], {}).find((e) => e.lesson.number === number);
  if (!entry) throw new Error(`no lesson ${number} in ${builtInLessonsDir()}`);
  // freePort releases its port at once, so the OS may hand the same one out again: never twice here.
  const picked = new Set<number>();
  const pickPort = async (): Promise<number> => {
    for (;;) {
      const port = await freePort();
      if (!picked.has(port)) {
        picked.add(port);
        return port;
      }
    }
  };
  return isolatedVariables(entry.lesson, newSuffix(), pickPort, given);
}

function builtInLesson(number: number) {
  const entry = loadCatalog([], {}).find((e) => e.lesson.number === number);
  if (!entry) throw new Error(`no lesson ${number} in ${builtInLessonsDir()}`);
  return entry.lesson;
}

/** How many steps a built-in lesson has, as its screen counts them ("step 1 of N"): lessons grow, tests follow. */
export const stepCount = (number: number): number => builtInLesson(number).steps.length;

/** A built-in lesson's step by id, numbered as its screen and --step number it (from 1). */
export function stepNumber(number: number, id: string): number {
  const index = builtInLesson(number).steps.findIndex((s) => s.id === id);
  if (index < 0) throw new Error(`lesson ${number} has no step ${id}`);
  return index + 1;
}

/** The failing checks of a not-yet verdict (none for any other output). */
export const failedOf = (o: LessonOutput): CheckResult[] => (o.type === "not-yet" ? o.results.filter((r) => !r.pass) : []);

/** The first failing check of a kind; throws, listing them all, when there is none. */
export const find = (results: readonly CheckResult[], kind: CheckResult["kind"]): CheckResult => {
  const result = results.find((r) => r.kind === kind);
  if (!result) throw new Error(`no failing ${kind} check among ${JSON.stringify(results)}`);
  return result;
};

/**
 * Starts lesson `number` headless at `stepId`, lets `act` do the wrong thing in a fresh workspace
 * of the lesson, presses `c`, and returns the failing checks; the step must not pass. The
 * session, its data dir and the workspace are gone afterwards (what `act` made on the daemon is
 * the caller's to remove).
 */
export async function failingChecksAfter(
  number: number,
  stepId: string,
  vars: Record<string, string>,
  act: (workspace: string) => Promise<void>,
  timeoutMs = 30_000,
): Promise<CheckResult[]> {
  const h = await startHeadlessLesson(number, vars, { stepId });
  const workspace = lessonWorkspace(h.entry);
  try {
    await h.waitFor((o) => o.type === "step" && o.step.id === stepId, timeoutMs);
    // Not-yet verdicts come only from a key press; a pass could come from any daemon event `act` causes.
    const from = h.outputs.length;
    await act(workspace);
    h.session.engine.dispatch({ type: "key", key: "check" });
    const verdict = await h.waitFor((o) => (o.type === "not-yet" || o.type === "passed") && o.step.id === stepId, timeoutMs, from);
    expect(verdict.output.type, `${stepId} must not pass after a wrong attempt`).toBe("not-yet");
    return failedOf(verdict.output);
  } finally {
    await h.session.close();
    rmSync(h.dataDir, { recursive: true, force: true });
    rmSync(workspace, { recursive: true, force: true });
  }
}
