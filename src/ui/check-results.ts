import { type Theme, withCode } from "./theme.js";

/** Each check: ✔ what holds, or ✖ what was expected and what is there instead. */
export function renderResults(results: readonly { pass: boolean; expected: string; actual: string }[], t: Theme, indent = "  "): string {
  return results
    .map((r) =>
      r.pass
        ? `${indent}${t.ok} ${withCode(t, r.expected)}`
        : `${indent}${t.fail} ${withCode(t, r.actual)}\n${indent}  ${t.dim("expected:")} ${withCode(t, r.expected)}`,
    )
    .map((line) => `${line}\n`)
    .join("");
}
