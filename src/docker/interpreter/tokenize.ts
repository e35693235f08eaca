/**
 * Splits one docker command line into argv the way a learner's bash would, without running anything:
 * quotes, backslash escapes and `\`-newline continuations, `$VAR`/`${VAR}`, `$(pwd)`/`` `pwd` ``, `~`,
 * comments, and bash's field splitting of unquoted expansions. Globs and braces stay literal, because
 * docker reads patterns itself (`--filter reference=me/*`). Shell plumbing (pipes, `&&`, redirects…) is
 * refused with its column: only the docker command can be run.
 */

export interface TokenizeEnv {
  readonly vars: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /**
   * An unquoted `$VAR` stays one word, never split on blanks as bash would: for values the tutor
   * itself holds (a solution's `capture:` and the nodes' addresses), which must not add flags.
   */
  readonly wholeExpansions?: boolean;
  /**
   * The docker CLI's own settings (DOCKER_BUILDKIT, and DOCKER_CONFIG or HOME for its plugins):
   * they decide how a command runs and never expand into it. `vars` when not given.
   */
  readonly cliSettings?: Readonly<Record<string, string | undefined>>;
}

/**
 * `column` is 1-based and counts characters from the start of `line`, newlines included;
 * `comment` is the column of the first `#` comment, which the words leave out.
 */
export type TokenizeResult = { ok: true; argv: string[]; comment?: number } | { ok: false; problem: string; column: number };

/** Thrown by the scanner and caught once in `tokenize`; it never leaves this module. */
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
  /** Set by a bare newline after some words: anything but a comment after it is a second command. */
  commandEnded: boolean;
  /** Where the first comment starts, if any. */
  comment: number | undefined;
}

export function tokenize(line: string, env: TokenizeEnv): TokenizeResult {
  const scan: Scan = { text: line, env, words: [], index: 0, word: undefined, commandEnded: false, comment: undefined };
  try {
    while (scan.index < line.length) step(scan);
    endWord(scan);
    return scan.comment === undefined ? { ok: true, argv: scan.words } : { ok: true, argv: scan.words, comment: scan.comment + 1 };
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    return { ok: false, problem: error.problem, column: error.index + 1 };
  }
}

const SECOND_COMMAND = "a newline ends the docker command, but more text follows it; end the line with \\ to continue the command";
const anything = (): boolean => true;
const escapableInDoubleQuotes = (char: string): boolean => '$`"\\'.includes(char);

function step(scan: Scan): void {
  const char = scan.text.charAt(scan.index);
  if (char === " " || char === "\t") endWord(scan, 1);
  else if (newlineLength(scan.text, scan.index) > 0) endCommandLine(scan);
  else if (char === "#" && atWordStart(scan)) skipComment(scan);
  else if (scan.commandEnded) throw new Refusal(SECOND_COMMAND, scan.index);
  else if ("|&;<>()".includes(char)) throw plumbingAt(scan);
  else if (char === "\\") appendText(scan, readBackslash(scan, anything));
  else if (char === "'") appendText(scan, readUntil(scan, 1, "'"));
  else if (char === '"') appendText(scan, readDoubleQuoted(scan));
  else if (char === "$") unquotedDollar(scan);
  else if (char === "`") appendFields(scan, readPwdSubstitution(scan, "`"));
  else if (char === "~" && atWordStart(scan)) appendText(scan, readTilde(scan));
  else appendText(scan, scan.text.charAt(scan.index++));
}

function plumbingAt(scan: Scan): Refusal {
  const operator = /&&|\|\||&>|>>|<<|./y;
  operator.lastIndex = scan.index;
  const found = operator.exec(scan.text)?.[0];
  return new Refusal(`the shell operator ${found} is not part of a docker command; quote it if docker should receive it`, scan.index);
}

function newlineLength(text: string, index: number): number {
  if (text.charAt(index) === "\n") return 1;
  return text.startsWith("\r\n", index) ? 2 : 0;
}

/** `#` and `~` are special only where a word starts in the text; `$EMPTY~` is not such a place. */
function atWordStart(scan: Scan): boolean {
  return scan.word === undefined && (scan.index === 0 || /\s/.test(scan.text.charAt(scan.index - 1)));
}

function endWord(scan: Scan, skip = 0): void {
  if (scan.word !== undefined) scan.words.push(scan.word);
  scan.word = undefined;
  scan.index += skip;
}

function endCommandLine(scan: Scan): void {
  endWord(scan, newlineLength(scan.text, scan.index));
  if (scan.words.length > 0) scan.commandEnded = true;
}

function skipComment(scan: Scan): void {
  scan.comment ??= scan.index;
  const newline = scan.text.indexOf("\n", scan.index);
  scan.index = newline < 0 ? scan.text.length : newline;
}

/** Appending "" still starts a word: that is how `""` becomes an empty argument. */
function appendText(scan: Scan, text: string | undefined): void {
  if (text !== undefined) scan.word = (scan.word ?? "") + text;
}

/** Unquoted expansions are split on blanks and vanish when empty: `docker run $EMPTY alpine` has 3 words. */
function appendFields(scan: Scan, expansion: string): void {
  if (scan.env.wholeExpansions) {
    if (expansion !== "") appendText(scan, expansion);
    return;
  }
  expansion.split(/[ \t\n]+/).forEach((field, position) => {
    if (position > 0) endWord(scan);
    if (field !== "") appendText(scan, field);
  });
}

/** A backslash-newline joins lines (undefined: no text); before an escapable char gives that char; else stays. */
function readBackslash(scan: Scan, escapable: (char: string) => boolean): string | undefined {
  const continuation = newlineLength(scan.text, scan.index + 1);
  if (continuation > 0) {
    scan.index += 1 + continuation;
    return undefined;
  }
  const next = scan.text.charAt(scan.index + 1);
  const escapes = next !== "" && escapable(next); // at the very end it stays, as in `bash -c 'echo a\'`
  scan.index += escapes ? 2 : 1;
  return escapes ? next : "\\";
}

/** The text between the opener (of `openerLength`) at the cursor and the next `closer`. */
function readUntil(scan: Scan, openerLength: number, closer: string): string {
  const close = scan.text.indexOf(closer, scan.index + openerLength);
  if (close < 0) throw new Refusal(`the closing ${closer} is missing`, scan.index);
  const content = scan.text.slice(scan.index + openerLength, close);
  scan.index = close + closer.length;
  return content;
}

function readDoubleQuoted(scan: Scan): string {
  const open = scan.index++;
  let content = "";
  while (scan.index < scan.text.length) {
    const char = scan.text.charAt(scan.index);
    if (char === '"') {
      scan.index++;
      return content;
    }
    if (char === "\\") content += readBackslash(scan, escapableInDoubleQuotes) ?? "";
    else if (char === "$") content += readDollar(scan);
    else if (char === "`") content += readPwdSubstitution(scan, "`");
    else content += scan.text.charAt(scan.index++);
  }
  throw new Refusal('the closing " is missing', open);
}

function unquotedDollar(scan: Scan): void {
  const next = scan.text.charAt(scan.index + 1);
  if (next === "'") throw new Refusal("ANSI-C quoting $'…' is not supported", scan.index);
  // bash's $"…" is a translatable "…"; untranslated, it is just "…"
  if (next === '"') scan.index++;
  else appendFields(scan, readDollar(scan));
}

function readDollar(scan: Scan): string {
  const rest = scan.text.slice(scan.index + 1);
  const name = /^[A-Za-z_]\w*/.exec(rest)?.[0];
  if (name !== undefined) {
    scan.index += 1 + name.length;
    return scan.env.vars[name] ?? "";
  }
  if (rest.startsWith("{")) return readBracedVariable(scan);
  if (rest.startsWith("((")) throw new Refusal("arithmetic $((…)) is not supported", scan.index);
  if (rest.startsWith("(")) return readPwdSubstitution(scan, "$(");
  if (/^[\d@*#?$!-]/.test(rest)) throw new Refusal(`the shell's special parameter $${rest.charAt(0)} is not supported`, scan.index);
  scan.index++;
  return "$";
}

function readBracedVariable(scan: Scan): string {
  const start = scan.index;
  const inside = readUntil(scan, 2, "}");
  if (!/^[A-Za-z_]\w*$/.test(inside)) throw new Refusal(`\${${inside}} is not supported; only \${NAME} is`, start);
  return scan.env.vars[inside] ?? "";
}

/** Only `pwd` can be substituted: its output is the one thing known without running a shell. */
function readPwdSubstitution(scan: Scan, opener: "$(" | "`"): string {
  const start = scan.index;
  const closer = opener === "`" ? "`" : ")";
  const command = readUntil(scan, opener.length, closer).trim();
  if (command === "pwd") return scan.env.cwd;
  throw new Refusal(`the command substitution ${opener}${command}${closer} is not supported; only $(pwd) is`, start);
}

/** `~` alone or before `/` is HOME; `~user`, and `~` while HOME is unset, stay literal as in bash. */
function readTilde(scan: Scan): string {
  const home = scan.env.vars.HOME;
  const after = scan.text.charAt(++scan.index);
  return home !== undefined && (after === "" || after === "/" || /\s/.test(after)) ? home : "~";
}
