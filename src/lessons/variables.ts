/** Lesson variables: `${{ name }}` in any string, from defaults overridden by `--var NAME=VALUE`. */
import { substituteInCommand } from "./command-variables.js";

const REFERENCE = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export interface UnknownVariable {
  readonly path: readonly (string | number)[];
  readonly name: string;
}

/**
 * Replaces every reference in every string of a parsed document; reports unknown names with their
 * path. In a solution's command lines (`run:`, `shell:`) each value is quoted to stay one piece of its word.
 */
export function substituteVariables(
  value: unknown,
  values: Readonly<Record<string, string>>,
): { value: unknown; unknown: UnknownVariable[] } {
  const unknown: UnknownVariable[] = [];
  const walk = (node: unknown, path: (string | number)[]): unknown => {
    if (typeof node === "string") {
      const lookUp = (name: string): string | undefined => {
        // Own keys only: `${{ constructor }}` must be unknown, not Object.prototype's function.
        const found = Object.hasOwn(values, name) ? values[name] : undefined;
        if (found === undefined) unknown.push({ path, name });
        return found;
      };
      if (isCommandLine(path)) return substituteInCommand(node, lookUp);
      return node.replace(REFERENCE, (whole, name: string) => lookUp(name) ?? whole);
    }
    if (Array.isArray(node)) return node.map((item, i) => walk(item, [...path, i]));
    if (node !== null && typeof node === "object") {
      return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, walk(item, [...path, key])]));
    }
    return node;
  };
  return { value: walk(value, []), unknown };
}

/**
 * `steps[i].solution[j].run` and `.shell`, and the same in a challenge's `alternatives[k][j]` and
 * `wrongAttempts[k].actions[j]`: text a tokenizer or a shell splits into words.
 */
function isCommandLine(path: readonly (string | number)[]): boolean {
  const field = path.at(-1);
  if (field !== "run" && field !== "shell") return false;
  return path.at(-3) === "solution" || path.at(-4) === "alternatives" || (path.at(-3) === "actions" && path.at(-5) === "wrongAttempts");
}

/** Parses `--var` options (`NAME=VALUE`, repeatable). Pure. */
export function parseVarOptions(pairs: readonly string[]): { values: Record<string, string>; problems: string[] } {
  const values: Record<string, string> = {};
  const problems: string[] = [];
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    const name = at > 0 ? pair.slice(0, at) : "";
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) problems.push(`"${pair}" is not NAME=VALUE`);
    else values[name] = pair.slice(at + 1);
  }
  return { values, problems };
}

/** The values in force: each default, unless `--var` overrides it. */
export function resolveVariableValues(
  declared: Readonly<Record<string, { default?: unknown }>>,
  overrides: Readonly<Record<string, string>>,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, spec] of Object.entries(declared)) values[name] = overrides[name] ?? String(spec?.default ?? "");
  return values;
}

export type VariableKind = "name" | "port" | "text";

/** The variable's declared kind, or one inferred from its default (see `kind` in schema.ts). */
export function variableKind(variable: { readonly default: string; readonly kind?: VariableKind | undefined }): VariableKind {
  if (variable.kind) return variable.kind;
  if (/^\d+$/.test(variable.default)) return "port";
  if (/\s/.test(variable.default) || /^\d+\.\d+\.\d+\.\d+$/.test(variable.default) || variable.default === "") return "text";
  return "name";
}

/**
 * Why a value given with `--var` does not fit its variable's kind, or undefined. A name or a port
 * is one plain word; a text is one line; none starts with `-`, where docker would read an option.
 */
export function variableValueProblem(kind: VariableKind, value: string): string | undefined {
  if (value.startsWith("-")) return "it starts with -, so docker would read it as an option";
  if (kind === "port") {
    const port = /^\d{1,5}$/.test(value) ? Number(value) : 0;
    return port >= 1 && port <= 65535 ? undefined : "a port is a number from 1 to 65535";
  }
  if (kind === "name") {
    return /^[A-Za-z0-9][A-Za-z0-9_.:/-]*$/.test(value) ? undefined : "a name is letters, digits and . _ - : / only, with no spaces";
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  return /[\u0000-\u001f\u007f-\u009f]/.test(value) ? "a text is one line without control characters" : undefined;
}
