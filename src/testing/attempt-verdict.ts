import type { CheckResult } from "../checks/check.js";

/** How a known-wrong attempt fared against the checks, in an outcome's terms. Pure. */
export interface WrongVerdict {
  readonly ok: boolean;
  readonly note?: string;
  readonly message?: string;
  readonly expected?: string;
  readonly actual?: string;
}

const NOTE_LENGTH = 90;

/**
 * A near miss must be refused, and refused for its difference: each of `fails` must be said by a
 * failing check, in what it expected or what it found (case does not count).
 */
export function wrongAttemptVerdict(results: readonly CheckResult[], fails: readonly string[]): WrongVerdict {
  const failing = results.filter((r) => !r.pass);
  if (failing.length === 0) return { ok: false, message: "the checks pass after this near miss: they accept it as a solution" };
  const words = (r: CheckResult) => `${r.expected}\n${r.actual}`.toLowerCase();
  const naming = (text: string) => failing.find((r) => words(r).includes(text.toLowerCase()));
  const unnamed = fails.filter((text) => naming(text) === undefined);
  if (unnamed.length > 0) {
    return {
      ok: false,
      message: `refused, but no failing check says ${unnamed.map((t) => `"${t}"`).join(" or ")}: the learner is not told the difference`,
      expected: failing.map((r) => r.expected).join("; "),
      actual: failing.map((r) => r.actual).join("; "),
    };
  }
  const said = naming(fails[0] ?? "")?.actual ?? "";
  return { ok: true, note: `refused: ${said.length > NOTE_LENGTH ? `${said.slice(0, NOTE_LENGTH - 1)}…` : said}` };
}

/** `fails:` as written, one text or a list. */
export const failsList = (fails: string | readonly string[]): readonly string[] => (typeof fails === "string" ? [fails] : fails);
