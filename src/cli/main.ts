#!/usr/bin/env node
import { Command, CommanderError, Option } from "commander";
import { realHostWorld } from "../docker/host-world.js";
import { ExitCode, ExitError } from "../errors.js";
import { renderError } from "../ui/error-message.js";
import { colorWanted, createTheme } from "../ui/theme.js";
import type { GlobalOptions, Session } from "./session.js";

declare const PACKAGE_VERSION: string;
const version = typeof PACKAGE_VERSION === "string" ? PACKAGE_VERSION : "0.0.0-dev";

const example = (...lines: string[]) => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join("\n")}\n`;

/** Builds the command tree; each command's module is imported only when it runs. */
export function buildProgram(makeSession: (globals: GlobalOptions) => Session): Command {
  const program = new Command("docker-tutor")
    .description("Learn Docker by doing: lessons you type on your own Docker daemon, checked as you go.")
    .version(version, "-v, --version", "print the version")
    .option("-H, --host <url>", "daemon to talk to, like docker's -H (unix://, tcp://, ssh://, npipe://)")
    .option("--context <name>", "docker context to use, like docker's --context")
    .option("--no-color", "plain output without colour (also NO_COLOR)")
    .option("-y, --yes", "answer yes to confirmations", false)
    .option("--verbose", "show stack traces and more detail", false)
    .addHelpText(
      "after",
      example("docker-tutor doctor", "docker-tutor doctor --json", "docker-tutor -H unix:///run/user/1000/docker.sock doctor"),
    )
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();

  const session = (command: Command) => makeSession(command.optsWithGlobals() as GlobalOptions);

  program
    .command("doctor")
    .description("check that Docker is ready for the lessons: daemon, versions, swarm, ports, images, routing mesh")
    .addOption(new Option("--json", "machine-readable report").default(false))
    .addHelpText(
      "after",
      `${example("docker-tutor doctor", "docker-tutor doctor --json | jq .ports")}\nExit codes: 0 ready, 1 something blocks the lessons, 3 Docker unreachable.\n`,
    )
    .action(async (options: { json: boolean }, command: Command) => {
      const { doctor } = await import("./commands/doctor.js");
      await doctor(session(command), options);
    });

  return program;
}

function checkNodeVersion(): void {
  const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
  const ok = major > 23 || (major === 23 && minor >= 5) || (major === 22 && minor >= 13) || (major === 20 && minor >= 17);
  if (!ok) {
    process.stderr.write(
      `docker-tutor needs Node.js 20.17, 22.13 or newer; this is ${process.versions.node}. Install a current Node.js LTS.\n`,
    );
    process.exit(ExitCode.usage);
  }
}

/** The one place that turns errors into messages and exit codes. */
export async function main(argv: readonly string[]): Promise<number> {
  const world = realHostWorld();
  let globals: GlobalOptions = { color: true, verbose: argv.includes("--verbose"), yes: false };
  const makeSession = (options: GlobalOptions): Session => {
    globals = options;
    const color = colorWanted(options.color !== false, world.env) && Boolean(process.stdout.isTTY || world.env.FORCE_COLOR);
    return { world, stdout: process.stdout, stderr: process.stderr, globals: options, color };
  };
  const program = buildProgram(makeSession);
  // With no command, show what there is to do (the lesson menu arrives with the lesson engine).
  if (argv.length <= 2) {
    program.outputHelp();
    return ExitCode.ok;
  }
  try {
    await program.parseAsync([...argv], { from: "node" });
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof ExitError) return error.exitCode;
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    const color = colorWanted(globals.color !== false && !argv.includes("--no-color"), world.env) && Boolean(process.stderr.isTTY);
    process.stderr.write(renderError(error, createTheme(color), globals.verbose));
    return (error as { exitCode?: number }).exitCode ?? 1;
  }
}

checkNodeVersion();
process.exitCode = await main(process.argv);
