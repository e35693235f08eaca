import { marker, markPlaceholders, partsOf, type ShellWords } from "./shell-words.js";

/**
 * The words a program receives when a line is typed into PowerShell 7 (7.3 and later pass each
 * argument to a program as one word, whatever it holds). The subset lessons meet: blanks
 * separate arguments; '…' is literal ('' is a quote); "…" expands `$name`, `${name}`,
 * `$env:NAME` and `$(…)`, with ` as the escape; an unquoted word may hold quoted parts
 * (`source="$(pwd)"`), and its commas are passed on as written. An argument that starts with a
 * quote or with `$(` ends where that part ends. `~` is not expanded for programs.
 * https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_parsing
 */
export function powershellWords(line: string): ShellWords {
  const { line: marked, holes } = markPlaceholders(line);
  const scan = { text: marked, at: 0 };
  const words: string[] = [];
  try {
    for (;;) {
      while (/[ \t]/.test(scan.text.charAt(scan.at))) scan.at++;
      if (scan.at >= scan.text.length) break;
      const word = readArgument(scan);
      if (word === undefined) break;
      words.push(word);
    }
  } catch (error) {
    if (error instanceof Unsupported) return { ok: false, construct: error.construct };
    throw error;
  }
  return { ok: true, words: words.map((word) => partsOf(word, holes)) };
}

class Unsupported {
  constructor(readonly construct: string) {}
}

interface Scan {
  readonly text: string;
  at: number;
}

const ENDS_ARGUMENT = /[ \t]/;
const OPERATORS: Readonly<Record<string, string>> = {
  "|": "the pipe `|`",
  ";": "`;`, which PowerShell takes as the end of a command",
  ">": "`>`, which PowerShell takes as a redirection",
  "<": "`<`, which PowerShell reserves",
  "&": "`&`, which PowerShell takes as an operator",
  "(": "`(`, which PowerShell takes as the start of an expression",
  ")": "`)`, which PowerShell takes as the end of an expression",
  "{": "`{`, which PowerShell takes as the start of a script block",
  "}": "`}`, which PowerShell takes as the end of a script block",
};

/** One argument; undefined when the rest of the line is a comment. */
function readArgument(scan: Scan): string | undefined {
  const first = scan.text.charAt(scan.at);
  if (first === "#") return undefined;
  if (first === "@") throw new Unsupported("`@` at the start of a word, which PowerShell takes as splatting or an array");
  if (first === "'") return readSingleQuoted(scan);
  if (first === '"') return readDoubleQuoted(scan);
  if (scan.text.startsWith("$(", scan.at)) return readSubexpression(scan);
  let word = "";
  while (scan.at < scan.text.length && !ENDS_ARGUMENT.test(scan.text.charAt(scan.at))) {
    const char = scan.text.charAt(scan.at);
    if (OPERATORS[char]) throw new Unsupported(OPERATORS[char] as string);
    if (char === "'") word += readSingleQuoted(scan);
    else if (char === '"') word += readDoubleQuoted(scan);
    else if (char === "`") word += readEscape(scan);
    else if (char === "$") word += readDollar(scan);
    else {
      word += char;
      scan.at++;
    }
  }
  return word;
}

function readSingleQuoted(scan: Scan): string {
  let content = "";
  for (scan.at++; scan.at < scan.text.length; scan.at++) {
    const char = scan.text.charAt(scan.at);
    if (char !== "'") content += char;
    else if (scan.text.charAt(scan.at + 1) === "'") {
      content += "'";
      scan.at++;
    } else {
      scan.at++;
      return content;
    }
  }
  throw new Unsupported("a ' with no closing '");
}

function readDoubleQuoted(scan: Scan): string {
  let content = "";
  scan.at++;
  while (scan.at < scan.text.length) {
    const char = scan.text.charAt(scan.at);
    if (char === '"' && scan.text.charAt(scan.at + 1) === '"') {
      content += '"';
      scan.at += 2;
    } else if (char === '"') {
      scan.at++;
      return content;
    } else if (char === "`") content += readEscape(scan);
    else if (char === "$") content += readDollar(scan);
    else {
      content += char;
      scan.at++;
    }
  }
  throw new Unsupported('a " with no closing "');
}

const ESCAPES: Readonly<Record<string, string>> = { n: "\n", t: "\t", r: "\r", "0": "\0", a: "\x07", b: "\b", f: "\f", v: "\v", e: "\x1b" };

function readEscape(scan: Scan): string {
  const next = scan.text.charAt(scan.at + 1);
  scan.at += 2;
  return ESCAPES[next] ?? next;
}

/** `$name`, `${name}`, `$env:NAME`, `$(…)`, or a lone `$`. */
function readDollar(scan: Scan): string {
  const rest = scan.text.slice(scan.at + 1);
  if (rest.startsWith("(")) return readSubexpression(scan);
  const braced = /^\{([^}]*)\}/.exec(rest);
  const named = braced ?? /^(?:env:)?[A-Za-z_][\w]*/.exec(rest);
  if (!named) {
    scan.at++;
    return "$";
  }
  scan.at += 1 + named[0].length;
  const name = braced ? (braced[1] as string) : named[0];
  return variable(name);
}

function variable(name: string): string {
  const env = /^env:(.+)$/i.exec(name);
  if (env) return marker.env(env[1] as string);
  if (/^pwd$/i.test(name)) return marker.pwd;
  if (/^home$/i.test(name)) return marker.home;
  throw new Unsupported(`\`$${name}\`, which PowerShell reads as its own variable, not the environment's`);
}

/** Only the current folder can be known without running PowerShell: `$(pwd)`, `$(Get-Location)`. */
function readSubexpression(scan: Scan): string {
  const close = scan.text.indexOf(")", scan.at);
  const inside = close < 0 ? "" : scan.text.slice(scan.at + 2, close).trim();
  if (!/^(pwd|get-location)$/i.test(inside)) throw new Unsupported(`the subexpression $(${inside})`);
  scan.at = close + 1;
  return marker.pwd;
}
