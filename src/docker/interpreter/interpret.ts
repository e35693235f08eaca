import type { ApiCall } from "./api-call.js";
import { type CommandDefinition, type CommandIO, isRefusal } from "./command.js";
import { ALL_COMMANDS } from "./commands/all.js";
import { parseFlags } from "./flags.js";
import { type TokenizeEnv, tokenize } from "./tokenize.js";
import type { EngineTransport } from "./transport.js";

export type Interpretation =
  | { readonly ok: true; readonly command: CommandDefinition; readonly intent: unknown; readonly words: readonly string[] }
  | { readonly ok: false; readonly problem: string; readonly exitCode?: number };

const OUTSIDE = "The tutor's built-in interpreter covers the commands the lessons use; the real docker CLI runs the rest.";

/** A command line → the command it names and what it asks for, or one sentence saying why not. Pure. */
/** Commands that create containers, which take extra `--label`s from CommandIO.labels. */
const CREATES_CONTAINERS = new Set(["container run", "container create"]);

export function interpret(
  line: string,
  env: TokenizeEnv,
  commands: readonly CommandDefinition[] = ALL_COMMANDS,
  labels: Readonly<Record<string, string>> = {},
): Interpretation {
  const tokens = tokenize(line, env);
  if (!tokens.ok) return { ok: false, problem: `${tokens.problem} (column ${tokens.column}).` };
  const [program, ...rest] = tokens.argv;
  if (program !== "docker") return { ok: false, problem: `\`${program ?? ""}\` is not a docker command; run it in your own shell.` };
  if (rest[0]?.startsWith("-")) return { ok: false, problem: `docker's own options (\`${rest[0]}\`) are not supported here. ${OUTSIDE}` };
  const found = findCommand(rest, commands);
  if (!found) {
    const named = rest.slice(0, 2).join(" ");
    return { ok: false, problem: `\`docker ${named}\` is not something the built-in interpreter runs. ${OUTSIDE}` };
  }
  const { command, used } = found;
  const words = rest.slice(0, used);
  const extra = CREATES_CONTAINERS.has(command.path.join(" ")) ? Object.entries(labels).flatMap(([k, v]) => ["--label", `${k}=${v}`]) : [];
  const flags = parseFlags([...extra, ...rest.slice(used)], command.flags, { interspersed: command.interspersed });
  if (!flags.ok) return { ok: false, problem: `docker ${words.join(" ")}: ${flags.problem}. ${OUTSIDE}` };
  const intent = command.toIntent({ flags: flags.flags, args: flags.args, cwd: env.cwd, env: env.vars, cli: env.cliSettings ?? env.vars });
  if (isRefusal(intent)) {
    // A command's own error (it has an exit code) is printed bare, as the CLI prints it.
    if (intent.exitCode !== undefined) return { ok: false, problem: intent.problem, exitCode: intent.exitCode };
    return { ok: false, problem: `docker ${words.join(" ")}: ${intent.problem}` };
  }
  return { ok: true, command, intent, words };
}

/** The longest command path (or alias) that the words start with. */
function findCommand(
  words: readonly string[],
  commands: readonly CommandDefinition[],
): { command: CommandDefinition; used: number } | undefined {
  let best: { command: CommandDefinition; used: number } | undefined;
  for (const command of commands) {
    for (const path of [command.path, ...command.aliases]) {
      const matches = path.every((word, i) => words[i] === word);
      if (matches && path.length > (best?.used ?? 0)) best = { command, used: path.length };
    }
  }
  return best;
}

export type Planned =
  | { readonly ok: true; readonly words: readonly string[]; readonly calls: readonly ApiCall[] }
  | { readonly ok: false; readonly problem: string };

/** What `explain` shows: the API calls a command line makes, in order. Pure. */
export function planLine(line: string, env: TokenizeEnv): Planned {
  const interpretation = interpret(line, env);
  if (!interpretation.ok) return interpretation;
  return { ok: true, words: interpretation.words, calls: interpretation.command.plan(interpretation.intent) };
}

/** Runs a command line as the docker CLI would, sending its calls through `engine`; resolves to its exit code. */
export async function runLine(line: string, env: TokenizeEnv, engine: EngineTransport, io: CommandIO): Promise<number> {
  const interpretation = interpret(line, env, ALL_COMMANDS, io.labels);
  if (!interpretation.ok) {
    io.stderr.write(`${interpretation.problem}\n`);
    return interpretation.exitCode ?? 125;
  }
  return interpretation.command.execute(interpretation.intent, engine, io);
}
