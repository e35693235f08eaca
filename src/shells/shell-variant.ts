import { cmdWords } from "./cmd-words.js";
import { SHELL_NAMES, type ShellKind } from "./learner-shell.js";
import { powershellWords } from "./powershell-words.js";
import { renderCmd, renderPowerShell } from "./render-words.js";
import { bashWords, plainText, type ShellWords, sameWords, type Word } from "./shell-words.js";

/**
 * What a learner types into their own shell for a lesson command written for bash: the command
 * as shown, the shell's variant of it, or the construct that shell cannot be given. Pure.
 */
export type Variant =
  | { readonly kind: "as-shown" }
  | { readonly kind: "variant"; readonly line: string; readonly why: string }
  | { readonly kind: "cannot"; readonly construct: string };

export function shellVariant(line: string, shell: ShellKind): Variant {
  if (shell === "bash") return { kind: "as-shown" };
  const bash = bashWords(line);
  // Git Bash is bash: it runs what the tutor cannot take apart (a pipe, say) as bash does.
  if (!bash.ok) return shell === "gitbash" ? { kind: "as-shown" } : { kind: "cannot", construct: constructOf(bash.construct) };
  const program = bash.words[0] ? plainText(bash.words[0]) : undefined;
  if (program === undefined)
    return bash.words.length === 0 ? { kind: "as-shown" } : { kind: "cannot", construct: "a program named by a variable" };
  if (shell === "gitbash") return gitBashVariant(line, program, bash.words);
  const target = programIn(shell, program, bash.words.slice(1));
  if ("construct" in target) return { kind: "cannot", construct: target.construct };
  if (shell === "windows-powershell") {
    const lost = bash.words.find((word) => word.length === 0 || (plainText(word) ?? "").includes('"'));
    // Windows PowerShell 5.1 hands programs a line in which such words lose their quotes.
    if (lost)
      return {
        kind: "cannot",
        construct:
          lost.length === 0
            ? "an empty argument, which Windows PowerShell 5.1 drops"
            : 'a `"` inside an argument, which Windows PowerShell 5.1 drops',
      };
  }
  const parse = shell === "cmd" ? cmdWords : powershellWords;
  const shown = parse(line);
  const slashes = target.backslashes === true && bash.words.slice(1).some((word) => plainText(word)?.includes("/"));
  if (target.program === program && !slashes && shown.ok && sameWords(shown.words, bash.words)) return { kind: "as-shown" };
  const args = bash.words.slice(1).map((word) => (target.backslashes ? withBackslashes(word) : word));
  const wanted: Word[] = [[{ kind: "text", text: target.program }], ...args];
  const rendered = shell === "cmd" ? renderCmd(wanted) : renderPowerShell(wanted);
  if (!rendered.ok) return { kind: "cannot", construct: rendered.construct };
  const check = parse(rendered.line);
  if (!check.ok || !sameWords(check.words, wanted)) return { kind: "cannot", construct: "its quoting" };
  const why =
    target.program !== program ? target.why : slashes ? "cmd's own commands read / as an option" : whyNotAsShown(line, shell, shown);
  return { kind: "variant", line: rendered.line, why };
}

/** The learner's shell's line for a command, or undefined when it runs as shown; says when there is none. */
export function variantNote(line: string, shell: ShellKind): string | undefined {
  const variant = shellVariant(line, shell);
  if (variant.kind === "as-shown") return undefined;
  if (variant.kind === "variant") return `${SHELL_NAMES[shell]}: ${variant.line}`;
  return `${SHELL_NAMES[shell]} cannot run this as shown (${variant.construct}): use bash (Git Bash or WSL) for it, or the tutor's prompt.`;
}

// ---------------------------------------------------------------------------------------------
// Programs: a few Unix commands lessons show have other names on Windows.

/** Programs that a Windows shell runs under the same name with the same arguments. */
const WINDOWS_PROGRAMS = new Set(["docker", "docker-tutor", "curl", "cd", "exit", "git", "node", "npm", "npx", "ping", "ssh", "notepad"]);
const CMD_NAMES: Readonly<Record<string, string>> = {
  cat: "type",
  ls: "dir",
  cp: "copy",
  mv: "move",
  rm: "del",
  vi: "notepad",
  vim: "notepad",
  nano: "notepad",
};
/** cmd's own commands read `/` as the start of an option: their paths need `\`. */
const CMD_BUILTINS = new Set(["type", "dir", "copy", "move", "del", "cd"]);
/** PowerShell's aliases for Unix names: they take file names, but not Unix options such as `-l`. */
const POWERSHELL_ALIASES = new Set(["cat", "ls", "cp", "mv", "rm"]);
const EDITORS = new Set(["vi", "vim", "nano"]);

type Target = { program: string; why: string; backslashes?: boolean } | { construct: string };

function programIn(shell: "powershell" | "windows-powershell" | "cmd", program: string, args: readonly Word[]): Target {
  const name = SHELL_NAMES[shell];
  const unixOption = args.find((word) => plainText(word)?.startsWith("-"));
  if (shell === "cmd") {
    const renamed = CMD_NAMES[program];
    if (renamed && unixOption) return { construct: `\`${program} ${plainText(unixOption)}\`: cmd's ${renamed} takes no Unix options` };
    if (renamed) return { program: renamed, why: `cmd's ${program} is ${renamed}`, backslashes: CMD_BUILTINS.has(renamed) };
    if (WINDOWS_PROGRAMS.has(program)) return { program, why: "", backslashes: CMD_BUILTINS.has(program) };
    return { construct: `\`${program}\`, which cmd does not have` };
  }
  if (EDITORS.has(program)) return { program: "notepad", why: `Windows has no ${program}: use Notepad, or any editor` };
  if (POWERSHELL_ALIASES.has(program)) {
    if (unixOption) return { construct: `\`${program} ${plainText(unixOption)}\`: PowerShell's ${program} takes no Unix options` };
    return { program, why: "" };
  }
  // Windows PowerShell 5.1 makes `curl` an alias of Invoke-WebRequest; curl.exe is the real one.
  if (program === "curl" && shell === "windows-powershell") return { program: "curl.exe", why: `in ${name}, curl is Invoke-WebRequest` };
  if (WINDOWS_PROGRAMS.has(program)) return { program, why: "" };
  return { construct: `\`${program}\`, which ${name} does not have` };
}

function withBackslashes(word: Word): Word {
  return word.map((part) => (part.kind === "text" ? { kind: "text", text: part.text.replace(/\//g, "\\") } : part));
}

/** "the shell operator |" of the tokenizer's "the shell operator | is not part of a docker command; …". */
function constructOf(problem: string): string {
  return problem.replace(/;.*$/s, "").replace(/ is not (part of|supported).*$/s, "");
}

/** Why the line as shown gives the program other words in this shell: the first construct that does. */
function whyNotAsShown(line: string, shell: "powershell" | "windows-powershell" | "cmd", shown: ShellWords): string {
  if (!shown.ok) return shown.construct;
  if (shell === "cmd") {
    if (line.includes("'")) return "cmd passes single quotes on as characters";
    if (line.includes("$")) return "cmd does not expand `$`";
  }
  if (/(^|\s)~/.test(line)) return "`~` is not expanded for programs";
  if (shell !== "cmd" && /\\["$`]/.test(line)) return "a backslash is not an escape in PowerShell";
  return `${SHELL_NAMES[shell]} splits or quotes it differently`;
}

// ---------------------------------------------------------------------------------------------
// Git Bash runs bash, but rewrites arguments that look like Unix paths for Windows programs.

/** Git Bash's own tools understand Unix paths; only Windows programs (docker, curl…) get them rewritten. */
const MSYS_TOOLS = new Set(["cd", "ls", "cat", "cp", "mv", "rm", "echo", "vi", "vim", "nano", "pwd", "mkdir", "exit"]);
/** `/bin/sh`, `target=/data`, `vol:/data`; not `//x` or `http://`. */
const LOOKS_LIKE_A_PATH = /^\/(?!\/)|[=:,]\/(?!\/)/;

function gitBashVariant(line: string, program: string, words: readonly Word[]): Variant {
  if (MSYS_TOOLS.has(program)) return { kind: "as-shown" };
  const texts = words.slice(1).map((word) => word.map((part) => (part.kind === "text" ? part.text : "x")).join(""));
  const rewritten = texts.find((text) => LOOKS_LIKE_A_PATH.test(text));
  if (rewritten === undefined) return { kind: "as-shown" };
  const path = /\/(?!\/)[^,:=]*/.exec(rewritten)?.[0] ?? rewritten;
  return {
    kind: "variant",
    line: `MSYS_NO_PATHCONV=1 ${line}`,
    why: `Git Bash would turn ${path} into a Windows path before ${program} sees it`,
  };
}
