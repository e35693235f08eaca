import type { Part, Word } from "./shell-words.js";

/** Writes words back as a line for one shell; undefined (with why) when that shell cannot say a word. */
export type Rendered = { readonly ok: true; readonly line: string } | { readonly ok: false; readonly construct: string };

const BASH_BARE = /^[\w\-./:=+,@%^]+$/;

/** Words as a bash line that gives exactly them back: what the tutor hands its interpreter. */
export function bashLine(argv: readonly string[]): string {
  return argv.map((word) => (BASH_BARE.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`)).join(" ");
}

const POWERSHELL_BARE = /^(?![@#])[\w\-./\\:=+%^!]+(?:,[\w\-./\\:=+%^!]+)*$/;
const NAME_CHAR = /^[\w:]/;

/** For PowerShell 7: plain words bare or in '…'; a word with an expansion in "…" with ` escapes. */
export function renderPowerShell(words: readonly Word[]): Rendered {
  return { ok: true, line: words.map(powershellWord).join(" ") };
}

function powershellWord(word: Word): string {
  if (isHoleOnly(word)) return holeText(word);
  if (word.every((part) => part.kind === "text" || part.kind === "hole")) {
    const text = word.map(textOf).join("");
    if (POWERSHELL_BARE.test(text)) return text;
    return `'${text.replace(/'/g, "''")}'`;
  }
  const inside = word
    .map((part, i) => {
      const next = word[i + 1];
      const braced = next?.kind === "text" && NAME_CHAR.test(next.text);
      switch (part.kind) {
        case "env":
          return braced ? `\${env:${part.name}}` : `$env:${part.name}`;
        case "pwd":
          return braced ? `\${PWD}` : "$PWD";
        case "home":
          return braced ? `\${HOME}` : "$HOME";
        default:
          return textOf(part).replace(/[`$"]/g, (char) => `\`${char}`);
      }
    })
    .join("");
  return `"${inside}"`;
}

const CMD_BARE = /^[\w\-./\\:=+,@]+$/;
const CMD_SPECIAL = /[&|<>^]/;

/** For cmd: plain words bare or in "…", `%NAME%` for a variable, `%cd%` for the current folder. */
export function renderCmd(words: readonly Word[]): Rendered {
  const rendered: string[] = [];
  for (const word of words) {
    const text = word.map(textOf).join("");
    if (text.includes("%")) return { ok: false, construct: "`%`, which cmd expands even inside double quotes" };
    if (/[\r\n]/.test(text)) return { ok: false, construct: "a line break inside a word" };
    if (text.includes('"') && CMD_SPECIAL.test(text)) {
      return { ok: false, construct: 'a `"` inside a word that also holds one of `& | < > ^`, which cmd would then see unquoted' };
    }
    if (isHoleOnly(word) || (word.every((part) => part.kind === "text") && CMD_BARE.test(text))) {
      rendered.push(text);
      continue;
    }
    const inside = word
      .map((part) => {
        switch (part.kind) {
          case "env":
            return `%${part.name}%`;
          case "pwd":
            return "%cd%";
          case "home":
            return "%USERPROFILE%";
          default:
            return escapeForCmdQuotes(textOf(part));
        }
      })
      .join("");
    rendered.push(`"${inside.replace(/(\\+)$/, "$1$1")}"`);
  }
  return { ok: true, line: rendered.join(" ") };
}

/** Inside "…" a program reads `\"` as a quote, and backslashes before a quote double. */
function escapeForCmdQuotes(text: string): string {
  return text.replace(/(\\*)"/g, (_all, slashes: string) => `${slashes}${slashes}\\"`);
}

function textOf(part: Part): string {
  return part.kind === "text" || part.kind === "hole" ? part.text : "";
}

const isHoleOnly = (word: Word): boolean => word.length === 1 && word[0]?.kind === "hole";
const holeText = (word: Word): string => word.map(textOf).join("");
