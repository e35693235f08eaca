import type { LessonKey } from "../engine/events.js";
import { typoDistance } from "../text/nearest-name.js";

/**
 * One-letter lines that act as keys. They need Enter: acting on the first keypress would turn the
 * `c` of `cp` into a check, or the `r` of `rm` into "run it for me".
 */
const KEYS: Readonly<Record<string, LessonKey>> = {
  h: "hint",
  s: "solution",
  r: "run",
  k: "skip",
  c: "check",
  q: "quit",
  // the keys' names, as a newcomer types them after reading the key line
  hint: "hint",
  solution: "solution",
  skip: "skip",
  check: "check",
};

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
  if (word !== "docker-tutor" && typoDistance(word.toLowerCase(), "docker") <= 2 && word.length >= 4)
    return { kind: "docker-typo", word, line: `docker${line.slice(word.length)}` };
  return { kind: "other", line, word };
}
