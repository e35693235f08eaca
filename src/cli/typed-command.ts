import { type ChildProcess, spawn } from "node:child_process";
import { tokenize } from "../docker/interpreter/tokenize.js";
import { bashLine } from "../shells/render-words.js";
import { markPlaceholders } from "../shells/shell-words.js";
import { countInterrupts } from "./interrupts.js";

export interface TypedCommandOptions {
  /** Where it runs: the lesson's workspace. */
  readonly cwd: string;
  /** The learner's environment: what `$NAME` and `~` expand to, and what the docker CLI runs with. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Runs the line through the built-in interpreter; absent, the docker CLI runs it. */
  readonly interpreter?: (line: string, signal: AbortSignal) => Promise<number>;
  readonly source?: NodeJS.EventEmitter;
  /** Where a line that cannot run here is said to. */
  readonly stderr?: NodeJS.WritableStream;
}

/** Exit code of a line refused before anything ran, as a shell's usage error. */
export const REFUSED = 2;

export type TypedArgv =
  | { readonly ok: true; readonly argv: readonly string[]; readonly assignments: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly problem: string };

/**
 * The words of a typed line, split the way bash would on every platform (quotes, `$NAME`,
 * `${NAME}`, `$(pwd)`, `$PWD`, `~`), with leading `NAME=value` words taken as the command's
 * environment (`MSYS_NO_PATHCONV=1 docker …`, as Git Bash users are told to type). Shell
 * plumbing is refused in one sentence: it belongs to the learner's own shell. Pure.
 */
export function typedArgv(line: string, env: Readonly<Record<string, string | undefined>>, cwd: string): TypedArgv {
  const holes = markPlaceholders(line).holes;
  if (holes.length > 0) {
    return {
      ok: false,
      problem: `Replace ${holes.map((h) => `\`${h}\``).join(" and ")} with what it stands for, then run the command again.`,
    };
  }
  const vars = { ...env, PWD: cwd, HOME: env.HOME ?? env.USERPROFILE };
  const tokens = tokenize(line, { vars, cwd });
  if (!tokens.ok) {
    if (/^the shell operator/.test(tokens.problem)) {
      const operator = /operator (\S+)/.exec(tokens.problem)?.[1] ?? "";
      return {
        ok: false,
        problem: `The tutor's prompt runs one docker command without a shell, so \`${operator}\` does nothing here: run this line in your own terminal.`,
      };
    }
    return { ok: false, problem: `This line cannot run at the tutor's prompt: ${tokens.problem} (column ${tokens.column}).` };
  }
  const assignments: Record<string, string> = {};
  let first = 0;
  for (const word of tokens.argv) {
    const assignment = /^([A-Za-z_]\w*)=(.*)$/s.exec(word);
    if (!assignment) break;
    assignments[assignment[1] as string] = assignment[2] as string;
    first++;
  }
  return { ok: true, argv: tokens.argv.slice(first), assignments };
}

/**
 * A docker command the learner typed at the lesson's prompt, run as argv: never through cmd.exe
 * or sh, so it means the same on every platform. Ctrl-C stops the command, not the lesson, as in
 * a shell: the terminal sends it to the docker CLI (the interpreter's requests are cut), and a
 * second one kills a CLI that would not stop.
 */
export async function runTypedCommand(line: string, options: TypedCommandOptions): Promise<{ exitCode: number; stopped: boolean }> {
  const env = options.env ?? process.env;
  const typed = typedArgv(line, env, options.cwd);
  if (!typed.ok) {
    (options.stderr ?? process.stderr).write(`${typed.problem}\n`);
    return { exitCode: REFUSED, stopped: false };
  }
  const [program, ...args] = typed.argv;
  if (program === undefined) return { exitCode: 0, stopped: false };
  const stop = new AbortController();
  let child: ChildProcess | undefined;
  let stopped = false;
  const stopListening = countInterrupts((pressed) => {
    stopped = true;
    stop.abort();
    if (pressed > 1) child?.kill("SIGKILL");
  }, options.source);
  const viaCli = () =>
    new Promise<number>((resolve) => {
      child = spawn(program, args, { stdio: "inherit", cwd: options.cwd, env: { ...env, ...typed.assignments }, shell: false });
      child.on("error", () => resolve(127));
      child.on("close", (code, signal) => resolve(code ?? (signal === "SIGINT" ? 130 : 1)));
    });
  try {
    const exitCode = await (options.interpreter ? options.interpreter(bashLine(typed.argv), stop.signal) : viaCli());
    return { exitCode, stopped };
  } finally {
    stopListening();
  }
}
