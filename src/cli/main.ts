import { CommanderError } from "commander";
import { type HostWorld, realHostWorld } from "../docker/host-world.js";
import { ExitCode, ExitError } from "../errors.js";
import { renderError } from "../ui/error-message.js";
import { colorWanted, createTheme } from "../ui/theme.js";
import { buildProgram } from "./program.js";
import type { GlobalOptions, Session } from "./session.js";

export { buildProgram } from "./program.js";

/** The outside world the CLI runs in: the process's (see `run`), or one a test makes up. */
export interface CliWorld {
  readonly host: HostWorld;
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly now: () => Date;
}

/**
 * The one place that turns errors into messages and exit codes. `args` are what the user typed
 * after `docker-tutor`; resolves to the exit code and never exits the process itself.
 */
export async function main(args: readonly string[], world: CliWorld): Promise<number> {
  const env = world.host.env;
  const interactive = Boolean(world.stdin.isTTY && world.stdout.isTTY);
  let globals: GlobalOptions = { color: true, verbose: args.includes("--verbose"), yes: false };
  const makeSession = (options: GlobalOptions): Session => {
    globals = options;
    const color = colorWanted(options.color !== false, env) && Boolean(world.stdout.isTTY || env.FORCE_COLOR);
    return {
      world: world.host,
      stdin: world.stdin,
      stdout: world.stdout,
      stderr: world.stderr,
      globals: options,
      color,
      interactive,
      now: world.now,
    };
  };
  const program = buildProgram(makeSession, world);
  try {
    if (args.length === 0 || (args.every((a) => a.startsWith("-")) && !args.some((a) => /^(-h|--help|-v|--version)$/.test(a)))) {
      // No command: the lesson menu in a terminal; elsewhere, what there is to do.
      if (!interactive) {
        program.outputHelp();
        return ExitCode.ok;
      }
      program.parseOptions([...args]);
      const { menu } = await import("./commands/menu.js");
      await menu(makeSession(program.opts() as GlobalOptions));
      return ExitCode.ok;
    }
    await program.parseAsync([...args], { from: "user" });
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof ExitError) return error.exitCode;
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    if (error instanceof Error && error.name === "ExitPromptError") return ExitCode.ok;
    const color = colorWanted(globals.color !== false && !args.includes("--no-color"), env) && Boolean(world.stderr.isTTY);
    world.stderr.write(renderError(error, createTheme(color), globals.verbose));
    return (error as { exitCode?: number }).exitCode ?? 1;
  }
}

/**
 * `docker-tutor | head` closes the pipe early: that is the reader's choice, not an error. A command
 * that stops tidily on Ctrl-C (test cleans up what it made) is stopped the same way.
 */
function endQuietlyOnClosedPipe(proc: NodeJS.Process): void {
  let pipeClosed = false;
  for (const stream of [proc.stdout, proc.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
      if (pipeClosed) return;
      pipeClosed = true;
      if (proc.listenerCount("SIGINT") > 0) proc.emit("SIGINT");
      else proc.exit(proc.exitCode ?? 0);
    });
  }
}

/**
 * docker-modem resolves an `ssh://` host with Node's legacy `url.resolve`, which warns (DEP0170) on
 * every run. The warning is about the library, not the learner's setup: they could do nothing about
 * it, so it is not shown. Every other warning still is.
 */
export function hideLibraryUrlWarning(proc: NodeJS.Process): void {
  const emit = proc.emitWarning.bind(proc) as (...args: unknown[]) => void;
  proc.emitWarning = ((warning: unknown, ...rest: unknown[]) => {
    const options = rest[0];
    const code = typeof options === "object" && options !== null ? (options as { code?: unknown }).code : rest[1];
    if (code === "DEP0170") return;
    emit(warning, ...rest);
  }) as NodeJS.Process["emitWarning"];
}

/** The CLI in this process, as bin/docker-tutor.js runs it; resolves to the exit code to set. */
export function run(proc: NodeJS.Process): Promise<number> {
  endQuietlyOnClosedPipe(proc);
  hideLibraryUrlWarning(proc);
  const world = { host: realHostWorld(proc.env), stdin: proc.stdin, stdout: proc.stdout, stderr: proc.stderr, now: () => new Date() };
  return main(proc.argv.slice(2), world);
}
