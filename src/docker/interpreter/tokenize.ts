/**
 * Splits one docker command line into argv the way a learner's bash would, without running anything:
 * quotes, backslash escapes and `\`-newline continuations, `$VAR`/`${VAR}`, `$(pwd)`/`` `pwd` ``, `~`,
 * comments, and bash's field splitting of unquoted expansions (IFS unset). Globs and braces stay literal,
 * because docker itself reads patterns such as `--filter reference=me/*`. Shell plumbing (pipes, `&&`,
 * redirects…) is refused with the column where it starts, since only the docker command can be run.
 */

export interface TokenizeEnv {
  readonly vars: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/** `column` is 1-based and counts characters from the start of `line`, newlines included. */
export type TokenizeResult = { ok: true; argv: string[] } | { ok: false; problem: string; column: number };

/** Thrown by the scanner, caught once in `tokenize`; it never leaves this module. */
class Refusal {
  constructor(
    readonly problem: string,
    readonly index: number,
  ) {}
}

interface Scan {
  readonly text: string;
  readonly env: TokenizeEnv;
  readonly words: string[];
  index: number;
  /** undefined until something, even `""`, starts the current word. */
  word: string | undefined;
  /** A bare newline after some words ends the command; any further word is a second command. */
  commandEnded: boolean;
}

export function tokenize(line: string, env: TokenizeEnv): TokenizeResult {
  const scan: Scan = { text: line, env, words: [], index: 0, word: undefined, commandEnded: false };
  try {
    while (scan.index < line.length) step(scan);
    endWord(scan);
    return { ok: true, argv: scan.words };
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    return { ok: false, problem: error.problem, column: error.index + 1 };
  }
}

function step(scan: Scan): void {
  const char = scan.text.charAt(scan.index);
  if (char === " " || char === "\t") {
    endWord(scan);
    scan.index++;
  } else if (newlineLength(scan.text, scan.index) > 0) endCommandLine(scan);
  else if (char === "#" && atWordStart(scan)) skipComment(scan);
  else if (scan.commandEnded) throw new Refusal(SECOND_COMMAND, scan.index);
  else if (PLUMBING_CHARS.includes(char)) throw plumbingAt(scan.text, scan.index);
  else if (char === "\\") unquotedBackslash(scan);
  else if (char === "'") appendText(scan, readSingleQuoted(scan));
  else if (char === '"') appendText(scan, readDoubleQuoted(scan));
  else if (char === "$") unquotedDollar(scan);
  else if (char === "`") appendFields(scan, readCommandSubstitution(scan, "`"));
  else if (char === "~" && atWordStart(scan)) tilde(scan);
  else {
    appendText(scan, char);
    scan.index++;
  }
}

const SECOND_COMMAND = "a newline ends the docker command, but more text follows it; end the line with \\ to continue the command";

const PLUMBING_CHARS = "|&;<>()";
const PLUMBING: ReadonlyArray<readonly [symbol: string, name: string]> = [
  ["&&", "the && chain"],
  ["||", "the || chain"],
  ["&>", "the &> redirect"],
  [">>", "the >> redirect"],
  ["<<", "the << here-document"],
  ["|", "the pipe |"],
  ["&", "the background &"],
  [";", "the ; separator"],
  [">", "the > redirect"],
  ["<", "the < redirect"],
  ["(", "the parenthesis ("],
  [")", "the parenthesis )"],
];

function plumbingAt(text: string, index: number): Refusal {
  const name = PLUMBING.find(([symbol]) => text.startsWith(symbol, index))?.[1] ?? text.charAt(index);
  return new Refusal(`${name} is shell syntax, not part of a docker command; put it in quotes if docker should receive it`, index);
}

function newlineLength(text: string, index: number): number {
  if (text.charAt(index) === "\n") return 1;
  return text.startsWith("\r\n", index) ? 2 : 0;
}

function atWordStart(scan: Scan): boolean {
  return scan.word === undefined && (scan.index === 0 || /\s/.test(scan.text.charAt(scan.index - 1)));
}

function endWord(scan: Scan): void {
  if (scan.word !== undefined) scan.words.push(scan.word);
  scan.word = undefined;
}

function endCommandLine(scan: Scan): void {
  endWord(scan);
  if (scan.words.length > 0) scan.commandEnded = true;
  scan.index += newlineLength(scan.text, scan.index);
}

function skipComment(scan: Scan): void {
  const newline = scan.text.indexOf("\n", scan.index);
  scan.index = newline < 0 ? scan.text.length : newline;
}

function appendText(scan: Scan, text: string): void {
  scan.word = (scan.word ?? "") + text;
}

/** Unquoted expansions are split on blanks and vanish when empty: `docker run $EMPTY alpine` has 3 words. */
function appendFields(scan: Scan, expansion: string): void {
  expansion.split(/[ \t\n]+/).forEach((field, position) => {
    if (position > 0) endWord(scan);
    if (field !== "") appendText(scan, field);
  });
}

function unquotedBackslash(scan: Scan): void {
  const continuation = newlineLength(scan.text, scan.index + 1);
  const escaped = scan.text.charAt(scan.index + 1);
  if (continuation > 0) scan.index += 1 + continuation;
  else if (escaped === "") {
    appendText(scan, "\\"); // like `bash -c 'echo a\'`, a backslash at the very end stays
    scan.index++;
  } else {
    appendText(scan, escaped);
    scan.index += 2;
  }
}

function readSingleQuoted(scan: Scan): string {
  const close = scan.text.indexOf("'", scan.index + 1);
  if (close < 0) throw new Refusal("the closing ' is missing", scan.index);
  const content = scan.text.slice(scan.index + 1, close);
  scan.index = close + 1;
  return content;
}

function readDoubleQuoted(scan: Scan): string {
  const open = scan.index;
  let content = "";
  scan.index++;
  while (scan.index < scan.text.length) {
    const char = scan.text.charAt(scan.index);
    if (char === '"') {
      scan.index++;
      return content;
    }
    if (char === "\\") content += readQuotedBackslash(scan);
    else if (char === "$") content += readDollar(scan);
    else if (char === "`") content += readCommandSubstitution(scan, "`");
    else {
      content += char;
      scan.index++;
    }
  }
  throw new Refusal('the closing " is missing', open);
}

/** Inside "…", a backslash escapes only $ ` " \ and newline; before anything else it is kept. */
function readQuotedBackslash(scan: Scan): string {
  const continuation = newlineLength(scan.text, scan.index + 1);
  const escaped = scan.text.charAt(scan.index + 1);
  if (continuation > 0) {
    scan.index += 1 + continuation;
    return "";
  }
  if (escaped !== "" && '$`"\\'.includes(escaped)) {
    scan.index += 2;
    return escaped;
  }
  scan.index++;
  return "\\";
}

function unquotedDollar(scan: Scan): void {
  const next = scan.text.charAt(scan.index + 1);
  if (next === "'") throw new Refusal("ANSI-C quoting $'…' is not supported; use '…' or \"…\" instead", scan.index);
  if (next === '"')
    scan.index++; // bash's $"…" is a translatable string: with no translation it is "…"
  else appendFields(scan, readDollar(scan));
}

function readDollar(scan: Scan): string {
  const rest = scan.text.slice(scan.index + 1);
  const name = /^[A-Za-z_]\w*/.exec(rest)?.[0];
  if (name !== undefined) {
    scan.index += 1 + name.length;
    return scan.env.vars[name] ?? "";
  }
  if (rest.startsWith("{")) return readBracedVariable(scan, rest);
  if (rest.startsWith("((")) throw new Refusal("arithmetic $((…)) is not supported", scan.index);
  if (rest.startsWith("(")) return readCommandSubstitution(scan, "$(");
  if (/^[\d@*#?$!-]/.test(rest)) throw new Refusal(`the shell's special parameter $${rest.charAt(0)} is not supported`, scan.index);
  scan.index++;
  return "$";
}

function readBracedVariable(scan: Scan, rest: string): string {
  const name = /^\{([A-Za-z_]\w*)\}/.exec(rest)?.[1];
  const close = rest.indexOf("}");
  if (close < 0) throw new Refusal("the closing } is missing", scan.index);
  if (name === undefined) throw new Refusal(`\${${rest.slice(1, close)}} is not supported; only \${NAME} is`, scan.index);
  scan.index += 1 + close + 1;
  return scan.env.vars[name] ?? "";
}

/** Only `pwd` can be substituted: its output is the one thing known without running a shell. */
function readCommandSubstitution(scan: Scan, opener: "$(" | "`"): string {
  const closer = opener === "`" ? "`" : ")";
  const start = scan.index + opener.length;
  const close = scan.text.indexOf(closer, start);
  if (close < 0) throw new Refusal(`the closing ${closer} is missing`, scan.index);
  const command = scan.text.slice(start, close).trim();
  if (command !== "pwd") {
    throw new Refusal(`the command substitution ${opener}${command}${closer} is not supported; only $(pwd) is`, scan.index);
  }
  scan.index = close + 1;
  return scan.env.cwd;
}

/** `~` alone or before `/` is HOME; `~user` and a `~` with HOME unset stay literal, as in bash. */
function tilde(scan: Scan): void {
  const home = scan.env.vars.HOME;
  const after = scan.text.charAt(scan.index + 1);
  const expands = home !== undefined && (after === "" || after === "/" || /\s/.test(after));
  appendText(scan, expands ? home : "~");
  scan.index++;
}
