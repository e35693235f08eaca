import type { TextRenderer } from "./text-renderer.js";
import { type Theme, withCode } from "./theme.js";
import { hanging } from "./wrap.js";

type Result = { pass: boolean; expected: string; actual: string };

/** Each check: ✔ what holds, or ✖ what was expected and what is there instead. */
export function renderResults(results: readonly Result[], t: Theme, indent = "  "): string {
  return results
    .map((r) =>
      r.pass
        ? `${indent}${t.ok} ${withCode(t, r.expected)}`
        : `${indent}${t.fail} ${withCode(t, r.actual)}\n${indent}  ${t.dim("expected:")} ${withCode(t, r.expected)}`,
    )
    .map((line) => `${line}\n`)
    .join("");
}

/** As renderResults, wrapped to the terminal by the lesson's renderer: continuation lines sit under the text, not the mark. */
export function wrappedResults(results: readonly Result[], text: TextRenderer, indent = "  "): string {
  const t = text.theme;
  return results
    .map((r) =>
      r.pass
        ? text.sentence(r.expected, hanging(`${indent}${t.ok} `))
        : `${text.sentence(r.actual, hanging(`${indent}${t.fail} `))}${text.sentence(r.expected, hanging(`${indent}  ${t.dim("expected:")} `))}`,
    )
    .join("");
}
