import { type Refusal, refuse } from "../../command.js";
import { formatGoValue, goJson, UnprintableValue } from "./go-value.js";

/**
 * The Go-template subset lessons use with `docker inspect --format`: text, `{{.Field.Sub}}`,
 * `{{json .Field}}`, `{{.}}`-free, spaces inside the braces allowed. Evaluated as the CLI's raw
 * fallback does (a map of the daemon's JSON, missing keys an error), printed as the typed
 * structs would print.
 */
export type TemplatePart =
  | { readonly text: string }
  | { readonly fields: readonly string[]; readonly json: boolean; readonly source: string; readonly position: number };

const ACTION = /\{\{(.*?)\}\}/gs;
const FIELD_CHAIN = /^(json\s+)?(\.(?:[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)?)$/;
const SUPPORTED = "only text, {{.Field.Sub}} and {{json .Field}} are supported here";

export function parseTemplate(template: string): TemplatePart[] | Refusal {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of template.matchAll(ACTION)) {
    const inner = match[1] ?? "";
    const chain = FIELD_CHAIN.exec(inner.trim());
    if (chain === null || (chain[2] === "." && chain[1] === undefined)) {
      return refuse(`the --format action {{${inner}}} is outside the template subset the interpreter runs: ${SUPPORTED}`);
    }
    if (match.index > last) parts.push({ text: template.slice(last, match.index) });
    const source = chain[2] ?? ".";
    const fields = source === "." ? [] : source.slice(1).split(".");
    const start = match.index + 2 + inner.indexOf(source);
    // Go reports a chain .A.B… at its second field: the parser builds it from there.
    const position = fields.length < 2 ? start : start + (fields[0]?.length ?? 0) + 1;
    parts.push({ fields, json: chain[1] !== undefined, source, position });
    last = match.index + match[0].length;
  }
  if (template.slice(last).includes("{{")) return refuse(`the --format template has an unclosed {{: ${SUPPORTED}`);
  if (last < template.length) parts.push({ text: template.slice(last) });
  return parts;
}

/** The rendered text, or the CLI's "template parsing error: …" for this element. */
export function renderTemplate(parts: readonly TemplatePart[], element: unknown): { text: string } | { error: string } {
  let text = "";
  for (const part of parts) {
    if ("text" in part) {
      text += part.text;
      continue;
    }
    const found = lookup(element, part);
    if ("error" in found) return found;
    try {
      text += part.json ? goJson(found.value) : formatGoValue(found.value, part.fields);
    } catch (error) {
      if (!(error instanceof UnprintableValue)) throw error;
      return { error: `${part.source} holds nested structures the interpreter cannot print as Go would; use {{json ${part.source}}}` };
    }
  }
  return { text };
}

function lookup(element: unknown, part: Extract<TemplatePart, { fields: readonly string[] }>): { value: unknown } | { error: string } {
  let value = element;
  const fail = (reason: string) => ({
    error: `template parsing error: template: :1:${part.position}: executing "" at <${part.source}>: ${reason}`,
  });
  for (const field of part.fields) {
    if (value === null || value === undefined) return fail(`nil pointer evaluating interface {}.${field}`);
    if (typeof value !== "object" || Array.isArray(value)) return fail(`can't evaluate field ${field} in type ${goTypeOf(value)}`);
    if (!(field in value)) return fail(`map has no entry for key "${field}"`);
    value = (value as Record<string, unknown>)[field];
  }
  return { value };
}

function goTypeOf(value: unknown): string {
  if (Array.isArray(value)) return "[]interface {}";
  if (typeof value === "number") return "float64";
  return typeof value === "boolean" ? "bool" : "string";
}
