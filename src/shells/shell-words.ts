import { tokenize } from "../docker/interpreter/tokenize.js";

/**
 * A command line as the program receives it, with what the shell fills in kept symbolic: the
 * current folder, the home folder, an environment variable, or a placeholder the learner replaces
 * (`<ID>`). Two shells run a line alike when they turn it into equal words.
 */
export type Part =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "env"; readonly name: string }
  | { readonly kind: "pwd" }
  | { readonly kind: "home" }
  | { readonly kind: "hole"; readonly text: string };

export type Word = readonly Part[];

/** The words a shell makes of a line, or the construct that stops it (`the pipe |`). */
export type ShellWords = { readonly ok: true; readonly words: readonly Word[] } | { readonly ok: false; readonly construct: string };

// Private-use characters mark what a shell fills in while a word is built as plain text.
const OPEN = "\uE000";
const CLOSE = "\uE001";
const MARK = new RegExp(`${OPEN}([^${CLOSE}]*)${CLOSE}`, "g");

export const marker = {
  env: (name: string): string => `${OPEN}env:${name}${CLOSE}`,
  pwd: `${OPEN}pwd${CLOSE}`,
  home: `${OPEN}home${CLOSE}`,
};

/** `<ID>`, `<address of web>`: what the learner replaces before running the line. */
const PLACEHOLDER = /<[^<>\s][^<>]*>/g;

/** Replaces placeholders by markers, which every shell passes through as plain text. */
export function markPlaceholders(line: string): { line: string; holes: string[] } {
  const holes: string[] = [];
  const marked = line.replace(PLACEHOLDER, (hole) => {
    holes.push(hole);
    return `${OPEN}hole:${holes.length - 1}${CLOSE}`;
  });
  return { line: marked, holes };
}

/** A word built as text with markers → its parts, adjacent text joined. */
export function partsOf(text: string, holes: readonly string[]): Word {
  const parts: Part[] = [];
  const push = (part: Part) => {
    const last = parts.at(-1);
    if (part.kind === "text" && last?.kind === "text") parts[parts.length - 1] = { kind: "text", text: last.text + part.text };
    else if (part.kind !== "text" || part.text !== "") parts.push(part);
  };
  let at = 0;
  for (const match of text.matchAll(MARK)) {
    push({ kind: "text", text: text.slice(at, match.index) });
    const [kind, name = ""] = (match[1] ?? "").split(/:(.*)/s);
    if (kind === "env") push({ kind: "env", name });
    else if (kind === "pwd") push({ kind: "pwd" });
    else if (kind === "home") push({ kind: "home" });
    else push({ kind: "hole", text: holes[Number(name)] ?? "" });
    at = (match.index ?? 0) + match[0].length;
  }
  push({ kind: "text", text: text.slice(at) });
  return parts;
}

/** Whether two shells hand a program the same words. */
export function sameWords(a: readonly Word[], b: readonly Word[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The text of a word whose parts are all text, else undefined. */
export function plainText(word: Word): string | undefined {
  return word.every((part) => part.kind === "text") ? word.map((part) => (part as { text: string }).text).join("") : undefined;
}

/**
 * The words bash makes of a lesson command, by the interpreter's bash-compatible tokenizer:
 * `$(pwd)`, `$PWD` and `${PWD}` are the current folder, `~` and `$HOME` the home folder.
 */
export function bashWords(line: string): ShellWords {
  const { line: marked, holes } = markPlaceholders(line);
  const vars = new Proxy({} as Record<string, string>, {
    get: (_target, name) => (name === "PWD" ? marker.pwd : name === "HOME" ? marker.home : marker.env(String(name))),
  });
  const tokens = tokenize(marked, { vars, cwd: marker.pwd });
  if (!tokens.ok) return { ok: false, construct: tokens.problem };
  return { ok: true, words: tokens.argv.map((word) => partsOf(word, holes)) };
}
