import { goJson } from "./go-json.js";

/**
 * The part of docker's `--format` Go templates the interpreter runs: text with `{{.Field.Path}}`,
 * `{{json .Field}}` and `{{.}}`, evaluated over the daemon's JSON as the CLI's fallback does
 * (missingkey=error). Anything else is refused when the command is read.
 */
type Part = { readonly text: string } | { readonly fields: readonly Field[]; readonly json: boolean; readonly source: string };

interface Field {
  readonly name: string;
  /** Where `.name` starts: Go reports errors at line:column of that field. */
  readonly line: number;
  readonly column: number;
}

export interface Template {
  readonly parts: readonly Part[];
}

const ACTION = /^(\s*)(json\s+)?(\.(?:[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)?)\s*$/;
const SUPPORTED = "the interpreter runs only {{.Field}}, {{.Field.Sub}} and {{json .Field}} in --format; the docker CLI runs the rest";

export function parseTemplate(source: string): Template | { readonly problem: string } {
  const parts: Part[] = [];
  let index = 0;
  while (index < source.length) {
    const open = source.indexOf("{{", index);
    if (open < 0) break;
    if (open > index) parts.push({ text: source.slice(index, open) });
    const close = source.indexOf("}}", open + 2);
    if (close < 0) return { problem: `the template ${JSON.stringify(source)} opens {{ without closing it` };
    const action = source.slice(open + 2, close);
    const match = ACTION.exec(action);
    if (match === null) return { problem: `{{${action}}} is not supported: ${SUPPORTED}` };
    const [, lead = "", json, path = "."] = match;
    const start = open + 2 + lead.length + (json?.length ?? 0);
    parts.push({ fields: fieldsOf(source, path, start), json: json !== undefined, source: path });
    index = close + 2;
  }
  if (index < source.length) parts.push({ text: source.slice(index) });
  return { parts };
}

function fieldsOf(source: string, path: string, start: number): Field[] {
  if (path === ".") return [];
  let offset = start;
  return path
    .slice(1)
    .split(".")
    .map((name) => {
      const at = positionOf(source, offset);
      offset += name.length + 1;
      return { name, ...at };
    });
}

function positionOf(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset);
  return { line: before.split("\n").length, column: offset - (before.lastIndexOf("\n") + 1) };
}

export type Rendered = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: string };

export function renderTemplate(template: Template, data: unknown): Rendered {
  let text = "";
  for (const part of template.parts) {
    if ("text" in part) {
      text += part.text;
      continue;
    }
    const found = lookUp(data, part);
    if (!found.ok) return found;
    const printed = part.json ? { ok: true as const, text: goJson(found.value) } : goPrint(found.value, part.source);
    if (!printed.ok) return printed;
    text += printed.text;
  }
  return { ok: true, text };
}

function lookUp(
  data: unknown,
  part: { fields: readonly Field[]; source: string },
): { ok: true; value: unknown } | { ok: false; problem: string } {
  let value = data;
  for (const field of part.fields) {
    const where = `template: :${field.line}:${field.column}: executing "" at <${part.source}>`;
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      return { ok: false, problem: `template parsing error: ${where}: can't evaluate field ${field.name} in type interface {}` };
    }
    if (!(field.name in value)) return { ok: false, problem: `template parsing error: ${where}: map has no entry for key "${field.name}"` };
    value = (value as Record<string, unknown>)[field.name];
  }
  return { ok: true, value };
}

/** Go's %v for what JSON can hold; objects and null print as Go types the JSON does not name, so they are refused. */
function goPrint(value: unknown, source: string): Rendered {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return { ok: true, text: String(value) };
  if (Array.isArray(value)) {
    const items = value.map((item) => goPrint(item, source));
    const failed = items.find((item) => !item.ok);
    if (failed) return failed;
    return { ok: true, text: `[${items.map((item) => (item.ok ? item.text : "")).join(" ")}]` };
  }
  return {
    ok: false,
    problem: `{{${source}}} is ${value === null ? "null" : "an object"}, which docker prints in Go's own notation; use {{json ${source}}}`,
  };
}
