import type { LessonKey } from "../engine/events.js";

/**
 * One-letter lines that act as keys. They need Enter: acting on the first keypress would turn the
 * `c` of `cp` into a check, or the `r` of `rm` into "run it for me".
 */
const KEYS: Readonly<Record<string, LessonKey>> = { h: "hint", s: "solution", r: "run", k: "skip", c: "check", q: "quit" };

/** What a line typed at the tutor's prompt asks for. Pure. */
export type TypedLine =
  | { readonly kind: "empty" }
  | { readonly kind: "key"; readonly key: LessonKey }
  | { readonly kind: "help" }
  /** `exit`: the learner thinks they are in a shell. */
  | { readonly kind: "exit" }
  | { readonly kind: "docker"; readonly line: string }
  /** `dokcer run …`: `line` is what was probably meant. */
  | { readonly kind: "docker-typo"; readonly word: string; readonly line: string }
  /** A line shown as `/ # …` or `node1 $ …`: it belongs in that shell. */
  | { readonly kind: "elsewhere"; readonly where: "container" | string; readonly line: string }
  /** Any other command (curl, cd, docker-tutor …), or at a quiz the answer. */
  | { readonly kind: "other"; readonly line: string; readonly word: string };

/** The prompts a line may be copied with from the step's text, a shell or PowerShell: `$ `, `PS> `, `PS C:\labs> `, `> `. */
const COPIED_PROMPT = /^(\$|PS( [^>]*)?>|>)\s+/;

export function readTypedLine(raw: string): TypedLine {
  const line = raw.trim().replace(COPIED_PROMPT, "").trim();
  if (line === "") return { kind: "empty" };
  const lower = line.toLowerCase();
  const key = KEYS[lower];
  if (key) return { kind: "key", key };
  if (lower === "help" || lower === "?") return { kind: "help" };
  if (lower === "exit" || lower === "quit" || lower === "logout") return { kind: "exit" };
  const node = /^([\w.-]+) \$ (.*)$/.exec(line);
  if (node) return { kind: "elsewhere", where: node[1] as string, line: (node[2] as string).trim() };
  const container = /^\S* # (.*)$/.exec(line);
  if (container) return { kind: "elsewhere", where: "container", line: (container[1] as string).trim() };
  // `MSYS_NO_PATHCONV=1 docker …`, the Git Bash line the Type: block shows, is a docker command too.
  if (/^(?:[A-Za-z_]\w*=\S*\s+)*docker(\s|$)/.test(line)) return { kind: "docker", line };
  const word = line.split(/\s+/)[0] as string;
  if (word !== "docker-tutor" && editDistance(word.toLowerCase(), "docker") <= 2 && word.length >= 4)
    return { kind: "docker-typo", word, line: `docker${line.slice(word.length)}` };
  return { kind: "other", line, word };
}

/** Damerau–Levenshtein distance (adjacent swaps count one): `dokcer` is 1 from `docker`. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}
