import type { TextRenderer } from "./text-renderer.js";
import { hanging } from "./wrap.js";

type Result = { pass: boolean; expected: string; actual: string };

/** Each check: ✔ what holds, or ✖ what was expected and what is there instead, wrapped to the terminal: continuation lines sit under the text, not the mark. */
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
