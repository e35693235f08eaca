import { terminalSafe } from "../docker/terminal-safe.js";
import type { StepOutcome } from "../testing/lesson-test.js";
import type { Theme } from "./theme.js";

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** One line per step: ok / not ok, lesson › step, the phase it reached, time; then why, for a failure. */
export function outcomeLine(outcome: StepOutcome, t: Theme): string {
  const status = outcome.ok ? t.green("ok    ") : t.red("not ok");
  const where = `${outcome.lesson.number} ${outcome.lesson.slug} › ${outcome.id}${outcome.attempt?.label ? ` › ${outcome.attempt.label}` : ""}`;
  const note = outcome.note ? t.dim(` (${outcome.note})`) : "";
  const head = `${status}  ${where.padEnd(44)} ${outcome.phase.padEnd(8)} ${seconds(outcome.ms).padStart(8)}${note}\n`;
  if (outcome.ok) return head;
  const why = [outcome.message, outcome.expected && `expected: ${outcome.expected}`, outcome.actual && `actual:   ${outcome.actual}`];
  return (
    head +
    why
      .filter((line): line is string => Boolean(line))
      // A failure quotes the daemon and the solution's output.
      .map((line) => `        ${terminalSafe(line)}\n`)
      .join("")
  );
}
