import { marker, markPlaceholders, partsOf, type ShellWords } from "./shell-words.js";

/**
 * The words a program receives when a line is typed into cmd.exe. cmd itself only expands
 * `%NAME%`, takes `^` as an escape and `& | < >` as its operators outside double quotes, and
 * hands the rest of the line on; the program (docker.exe, like any program built with Go or
 * the C runtime) then splits it: blanks separate words outside double quotes, quotes are
 * removed, `\"` is a quote, and single quotes are ordinary characters.
 * https://learn.microsoft.com/en-us/cpp/c-language/parsing-c-command-line-arguments
 */
export function cmdWords(line: string): ShellWords {
  const { line: marked, holes } = markPlaceholders(line);
  const expanded = cmdExpand(marked);
  if (!expanded.ok) return expanded;
  return { ok: true, words: splitArguments(expanded.line).map((word) => partsOf(word, holes)) };
}

const OPERATORS: Readonly<Record<string, string>> = {
  "&": "`&`, which cmd takes as the end of a command",
  "|": "the pipe `|`",
  "<": "`<`, which cmd takes as a redirection",
  ">": "`>`, which cmd takes as a redirection",
};

/** What cmd does before the program sees the line. */
function cmdExpand(line: string): { ok: true; line: string } | { ok: false; construct: string } {
  let out = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line.charAt(i);
    if (char === '"') quoted = !quoted;
    if (!quoted && char === "^") {
      out += line.charAt(++i);
      continue;
    }
    if (!quoted && OPERATORS[char]) return { ok: false, construct: OPERATORS[char] as string };
    const variable = char === "%" ? /^%([A-Za-z_][\w()]*)%/.exec(line.slice(i)) : null;
    if (variable) {
      const name = variable[1] as string;
      out += /^cd$/i.test(name) ? marker.pwd : /^userprofile$/i.test(name) ? marker.home : marker.env(name);
      i += variable[0].length - 1;
      continue;
    }
    out += char;
  }
  return { ok: true, line: out };
}

/** The C runtime's rules for splitting a command line into words. */
function splitArguments(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line.charAt(i);
    if ((char === " " || char === "\t") && !quoted) {
      if (word !== undefined) words.push(word);
      word = undefined;
      continue;
    }
    word ??= "";
    if (char === "\\") {
      let count = 0;
      while (line.charAt(i + count) === "\\") count++;
      if (line.charAt(i + count) === '"') {
        word += "\\".repeat(Math.floor(count / 2));
        if (count % 2 === 1) word += '"';
        else quoted = !quoted;
      } else word += "\\".repeat(count);
      i += count - (line.charAt(i + count) === '"' ? 0 : 1);
      continue;
    }
    if (char === '"') {
      if (quoted && line.charAt(i + 1) === '"') {
        word += '"';
        i++;
      } else quoted = !quoted;
      continue;
    }
    word += char;
  }
  if (word !== undefined) words.push(word);
  return words;
}
