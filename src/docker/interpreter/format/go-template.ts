import { type Refusal, refuse } from "../command.js";
import { templateJson } from "./go-json.js";
import { formatGoValue, UnprintableValue } from "./go-value.js";

/**
 * The part of Go's text/template the interpreter runs for `--format`: text, `{{.Field.Sub}}`,
 * `{{json .Field}}` and `{{json .}}`, spaces inside the braces allowed. It is evaluated as the docker
 * CLI's raw fallback evaluates it (cli/command/inspect: the daemon's JSON as a map, missingkey=error)
 * and printed as Go prints the typed structs. Anything else is refused when the command is read.
 */
export interface Template {
  readonly parts: readonly Part[];
}

type Part = { readonly text: string } | Action;

interface Action {
  readonly fields: readonly string[];
  readonly json: boolean;
  /** `.State.Status`, as typed: Go names it in its errors. */
  readonly source: string;
  /** Where Go reports a failure: a chain `.A.B…` at its second field (its parser builds the chain from there), else at the field. */
  readonly line: number;
  readonly column: number;
}

const ACTION = /^(\s*)(json\s+)?(\.(?:[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)?)\s*$/;
const SUPPORTED = "it runs text, {{.Field.Sub}}, {{json .Field}} and {{json .}}; the docker CLI runs the rest";

export function parseTemplate(source: string): Template | Refusal {
  const parts: Part[] = [];
  let index = 0;
  for (let open = source.indexOf("{{"); open >= 0; open = source.indexOf("{{", index)) {
    if (open > index) parts.push({ text: source.slice(index, open) });
    const close = source.indexOf("}}", open + 2);
    if (close < 0) {
      return refuse(`the --format template has an unclosed {{: ${JSON.stringify(source.slice(open))} opens an action without closing it`);
    }
    const inner = source.slice(open + 2, close);
    const match = ACTION.exec(inner);
    const [, lead = "", json, path = "."] = match ?? [];
    if (match === null || (path === "." && json === undefined)) {
      return refuse(
        `the --format action {{${inner}}} is outside the template subset the interpreter runs, so it is not supported here: ${SUPPORTED}`,
      );
    }
    const fields = path === "." ? [] : path.slice(1).split(".");
    const start = open + 2 + lead.length + (json?.length ?? 0);
    const reported = fields.length < 2 ? start : start + (fields[0]?.length ?? 0) + 1;
    parts.push({ fields, json: json !== undefined, source: path, ...positionOf(source, reported) });
    index = close + 2;
  }
  if (index < source.length) parts.push({ text: source.slice(index) });
  return { parts };
}

/** Go's line:column for an offset: the column counts from the start of its line. */
function positionOf(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset);
  return { line: before.split("\n").length, column: offset - (before.lastIndexOf("\n") + 1) };
}

export type Rendered = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: string };

/** The text for one object, or the CLI's "template parsing error: …" for it. */
export function renderTemplate(template: Template, data: unknown): Rendered {
  let text = "";
  for (const part of template.parts) {
    if ("text" in part) {
      text += part.text;
      continue;
    }
    const found = lookUp(data, part);
    if (!found.ok) return found;
    try {
      text += part.json ? templateJson(found.value) : formatGoValue(found.value, part.fields);
    } catch (error) {
      if (!(error instanceof UnprintableValue)) throw error;
      return {
        ok: false,
        problem: `${part.source} holds nested structures the interpreter cannot print as Go would; use {{json ${part.source}}}`,
      };
    }
  }
  return { ok: true, text };
}

function lookUp(data: unknown, action: Action): { ok: true; value: unknown } | { ok: false; problem: string } {
  const fail = (reason: string) => ({
    ok: false as const,
    problem: `template parsing error: template: :${action.line}:${action.column}: executing "" at <${action.source}>: ${reason}`,
  });
  let value = data;
  for (const field of action.fields) {
    if (value === null || value === undefined) return fail(`nil pointer evaluating interface {}.${field}`);
    if (typeof value !== "object" || Array.isArray(value)) return fail(`can't evaluate field ${field} in type interface {}`);
    if (!(field in value)) return fail(`map has no entry for key "${field}"`);
    value = (value as Record<string, unknown>)[field];
  }
  return { ok: true, value };
}
