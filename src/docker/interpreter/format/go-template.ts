import { type Refusal, refuse } from "../command.js";
import { templateJson } from "./go-json.js";
import { formatGoValue, UnprintableValue } from "./go-value.js";

/**
 * The part of Go's text/template the interpreter runs for `--format`: text, `{{.Field.Sub}}`,
 * `{{json .Field}}` and `{{json .}}`, and `{{range .Field}}…{{end}}` (over a list's elements or a
 * map's values in key order, `.` being each in turn), spaces inside the braces allowed. It is
 * evaluated as the docker CLI's raw fallback evaluates it (cli/command/inspect: the daemon's JSON as
 * a map, missingkey=error) and printed as Go prints the typed structs. Anything else is refused
 * when the command is read.
 */
export interface Template {
  readonly parts: readonly Part[];
}

type Part = { readonly text: string } | Action | Range;

interface Range extends Omit<Action, "json"> {
  readonly range: readonly Part[];
}

interface Action {
  readonly fields: readonly string[];
  readonly json: boolean;
  /** `.State.Status`, as typed: Go names it in its errors. */
  readonly source: string;
  /** Where Go reports a failure: a chain `.A.B…` at its second field (its parser builds the chain from there), else at the field. */
  readonly line: number;
  readonly column: number;
}

const ACTION = /^(\s*)(json\s+|range\s+)?(\.(?:[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)?)\s*$/;
const END = /^\s*end\s*$/;
const SUPPORTED = "it runs text, {{.Field.Sub}}, {{json .Field}}, {{json .}} and {{range .Field}}…{{end}}; the docker CLI runs the rest";

export function parseTemplate(source: string): Template | Refusal {
  // the innermost open range last; the template's own parts first
  const open: { parts: Part[]; range?: Omit<Range, "range"> }[] = [{ parts: [] }];
  const parts = () => open[open.length - 1]?.parts ?? [];
  let index = 0;
  for (let start = source.indexOf("{{"); start >= 0; start = source.indexOf("{{", index)) {
    if (start > index) parts().push({ text: source.slice(index, start) });
    const close = source.indexOf("}}", start + 2);
    if (close < 0) {
      return refuse(`the --format template has an unclosed {{: ${JSON.stringify(source.slice(start))} opens an action without closing it`);
    }
    const inner = source.slice(start + 2, close);
    index = close + 2;
    if (END.test(inner)) {
      const ended = open.pop();
      if (ended?.range === undefined) {
        return refuse(`template parsing error: template: :${positionOf(source, start).line}: unexpected {{end}} (no {{range}} before it)`);
      }
      parts().push({ ...ended.range, range: ended.parts });
      continue;
    }
    const match = ACTION.exec(inner);
    const [, lead = "", keyword, path = "."] = match ?? [];
    const insideRange = open.length > 1;
    if (match === null || (path === "." && keyword === undefined && !insideRange) || (path === "." && keyword?.startsWith("range"))) {
      return refuse(
        `the --format action {{${inner}}} is outside the template subset the interpreter runs, so it is not supported here: ${SUPPORTED}`,
      );
    }
    const fields = path === "." ? [] : path.slice(1).split(".");
    const at = start + 2 + lead.length + (keyword?.length ?? 0);
    const reported = fields.length < 2 ? at : at + (fields[0]?.length ?? 0) + 1;
    const action = { fields, source: path, ...positionOf(source, reported) };
    if (keyword?.startsWith("range")) open.push({ parts: [], range: action });
    else parts().push({ ...action, json: keyword !== undefined });
  }
  if (index < source.length) parts().push({ text: source.slice(index) });
  if (open.length > 1) return refuse("template parsing error: template: :1: unexpected EOF (a {{range}} has no {{end}})");
  return { parts: parts() };
}

/** Go's line:column for an offset: the column counts from the start of its line. */
function positionOf(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset);
  return { line: before.split("\n").length, column: offset - (before.lastIndexOf("\n") + 1) };
}

export type Rendered = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: string };

/** The text for one object, or the CLI's "template parsing error: …" for it. */
export function renderTemplate(template: Template, data: unknown): Rendered {
  return renderParts(template.parts, data);
}

function renderParts(parts: readonly Part[], data: unknown): Rendered {
  let text = "";
  for (const part of parts) {
    if ("text" in part) {
      text += part.text;
      continue;
    }
    const found = lookUp(data, part);
    if (!found.ok) return found;
    if ("range" in part) {
      const items = rangeItems(found.value);
      if (items === undefined) return failAt(part, `range can't iterate over ${formatRangeValue(found.value)}`);
      for (const item of items) {
        const rendered = renderParts(part.range, item);
        if (!rendered.ok) return rendered;
        text += rendered.text;
      }
      continue;
    }
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

/** What range walks: a list's elements, a map's values in key order (as Go sorts them), nothing for null. */
function rangeItems(value: unknown): unknown[] | undefined {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value;
  if (typeof value !== "object") return undefined;
  const map = value as Record<string, unknown>;
  return Object.keys(map)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((key) => map[key]);
}

const formatRangeValue = (value: unknown): string => (typeof value === "string" ? value : String(value));

const failAt = (action: Omit<Action, "json">, reason: string) => ({
  ok: false as const,
  problem: `template parsing error: template: :${action.line}:${action.column}: executing "" at <${action.source}>: ${reason}`,
});

function lookUp(data: unknown, action: Omit<Action, "json">): { ok: true; value: unknown } | { ok: false; problem: string } {
  const fail = (reason: string) => failAt(action, reason);
  let value = data;
  for (const field of action.fields) {
    if (value === null || value === undefined) return fail(`nil pointer evaluating interface {}.${field}`);
    if (typeof value !== "object" || Array.isArray(value)) return fail(`can't evaluate field ${field} in type interface {}`);
    if (!(field in value)) return fail(`map has no entry for key "${field}"`);
    value = (value as Record<string, unknown>)[field];
  }
  return { ok: true, value };
}
