import { Command, InvalidArgumentError, Option } from "commander";
import { ExitCode, TutorError } from "../errors.js";
import type { GlobalOptions, Session } from "./session.js";

declare const PACKAGE_VERSION: string;
const version = typeof PACKAGE_VERSION === "string" ? PACKAGE_VERSION : "0.0.0-dev";

const examples = (...lines: string[]) => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join("\n")}\n`;
const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `--jobs`: a whole number from 1. */
function jobsCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("a whole number of lessons at once, from 1.");
  return n;
}

/** Where commander writes help, errors and the version: the session's streams, not the process's. */
export interface ProgramOutput {
  readonly stdout: NodeJS.WritableStream & { readonly isTTY?: boolean; readonly columns?: number };
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean; readonly columns?: number };
}

/**
 * Builds the command tree; each command's module is imported only when it runs. Parsing with it
 * runs nothing else: a test can walk `program.commands` or parse `--help` without a daemon.
 */
export function buildProgram(makeSession: (globals: GlobalOptions) => Session, output: ProgramOutput): Command {
  const program = new Command("docker-tutor")
    // First, so that every command below inherits it.
    .configureOutput({
      writeOut: (text) => output.stdout.write(text),
      writeErr: (text) => output.stderr.write(text),
      // commander's own default: the terminal's width, else 80
      getOutHelpWidth: () => (output.stdout.isTTY && output.stdout.columns) || 80,
      getErrHelpWidth: () => (output.stderr.isTTY && output.stderr.columns) || 80,
    })
    .description("Learn Docker by doing: lessons you type on your own Docker daemon, checked as you go.")
    .version(version, "-v, --version", "print the version")
    .option("-H, --host <url>", "daemon to talk to, like docker's -H (unix://, tcp://, ssh://, npipe://)")
    .option("--context <name>", "docker context to use, like docker's --context")
    .option("--lessons-dir <dir>", "also load the lessons in this folder (repeatable)", collect)
    .option(
      "--trust-pack",
      "trust those lessons: their solutions may run host shell commands and docker commands beyond the pack policy (README: Lesson packs)",
      false,
    )
    .option("--allow-shell", "the older name of --trust-pack, which it now means", false)
    .option("--var <name=value>", "set a lesson variable, e.g. --var port=8081 (repeatable)", collect)
    .option("--no-color", "plain output without colour (also NO_COLOR)")
    .option("-y, --yes", "answer yes to confirmations", false)
    .option("--verbose", "show stack traces and more detail", false)
    .addHelpText("after", examples("docker-tutor lesson 1", "docker-tutor list", "docker-tutor check 1 --json", "docker-tutor doctor"))
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();

  const session = (command: Command) => makeSession(command.optsWithGlobals() as GlobalOptions);
  const json = () => new Option("--json", "machine-readable output").default(false);

  program
    .command("list")
    .description("the lessons: number, slug, title, minutes and your progress")
    .addOption(json())
    .addHelpText("after", examples("docker-tutor list", "docker-tutor list --json", "docker-tutor --lessons-dir ./my-pack list"))
    .action(async (options: { json: boolean }, command: Command) => {
      const { list } = await import("./commands/list.js");
      await list(session(command), options);
    });

  program
    .command("lesson")
    .description("the interactive lesson: read a step, type docker commands, watch it turn green")
    .argument("<lesson>", "lesson number or slug")
    .option("--step <step>", "start at this step (number or id)")
    .option("--interpreter", "run commands typed at the prompt through the built-in interpreter, not the docker CLI")
    .option("--workdir <dir>", "the lesson's workspace, for lessons with files (default: ./docker-tutor-labs/<slug>)")
    .addHelpText(
      "after",
      examples("docker-tutor lesson 1", "docker-tutor lesson hello-world --step 3", "docker-tutor lesson 3 --workdir ~/labs/web"),
    )
    .action(async (ref: string, options: { step?: string; interpreter?: boolean; workdir?: string }, command: Command) => {
      const { lesson } = await import("./commands/lesson.js");
      await lesson(session(command), ref, options);
    });

  program
    .command("prepare")
    .description("pull every image the lessons need, with per-layer progress; afterwards lessons run offline")
    .argument("[lessons...]", "lesson numbers or slugs (default: every lesson)")
    .option("--save <file>", "then write those images into one archive, for machines that cannot pull them")
    .option("--load <file>", "load the images from an archive --save wrote, instead of pulling them")
    .addHelpText(
      "after",
      `${examples(
        "docker-tutor prepare",
        "docker-tutor prepare 3 5",
        "docker-tutor prepare --save images.tar          # where the images can be pulled",
        "docker-tutor prepare --save images.tar 1 2 3 4  # only those lessons' images",
        "docker-tutor prepare --load images.tar          # on each machine without a registry",
      )}\nA classroom behind one address soon meets Docker Hub's pull limit (HTTP 429): one machine saves, every other loads.\n`,
    )
    .action(async (refs: string[], options: { save?: string; load?: string }, command: Command) => {
      const { prepare } = await import("./commands/prepare.js");
      await prepare(session(command), refs, options);
    });

  program
    .command("test")
    .description("CI for lessons: each step must fail, then pass after its solution (through the interpreter); nothing may be left behind")
    .argument("[lessons...]", "lesson numbers or slugs (default: every lesson; with --lessons-dir, the pack's lessons)")
    .option("--twice", "run each lesson twice, to catch flaky checks", false)
    .option("--junit <file>", "also write JUnit XML (a testsuite per lesson, a testcase per step)")
    .option("--bail", "stop at the first failure", false)
    .option("--keep", "leave what the run made, for debugging, and print how to remove it", false)
    .option("--jobs <n>", "how many lessons run at once (default: the machine's cores; 1 runs them one after another)", jobsCount)
    .addOption(json())
    .addHelpText(
      "after",
      `${examples("docker-tutor test", "docker-tutor test 3 --twice --junit lessons.xml", "docker-tutor test 1 2 3 4 5 --jobs 2", "docker-tutor --lessons-dir ./my-pack test")}\nEvery name gets a unique suffix and every port a free one, so runs never touch anything else, and lessons can run at once: each lesson's lines are printed together, in the order the lessons were asked for. Lessons that need the swarm take turns on it, and start first.\nExit codes: 0 all passed, 1 a step failed, 2 a lesson file is wrong, 3 Docker unreachable.\n`,
    )
    .action(
      async (
        refs: string[],
        options: { twice: boolean; junit?: string; bail: boolean; keep: boolean; json: boolean; jobs?: number },
        command: Command,
      ) => {
        const { test } = await import("./commands/test.js");
        await test(session(command), refs, options);
      },
    );

  program
    .command("check")
    .description("grade a lesson: each task step passes now, or passed earlier as the tutor saw and recorded (reads the daemon only)")
    .argument("[lesson]", "lesson number or slug (default: every lesson)")
    .argument("[command...]", "after --: a command to run while the tutor watches, e.g. bash lab4.sh; graded when it ends")
    .usage("[options] [lesson] [-- command...]")
    .option("--step <step>", "only this step (number or id)")
    .option("--live", "grade the daemon's current state only: passes recorded earlier do not count", false)
    .option("--junit <file>", "also write JUnit XML (a testcase per task step)")
    .option("--report <file>", "also write a Markdown report to hand in (steps, verdicts, Docker version, date)")
    .option(
      "--classroom50 <file>",
      "also write Classroom 50's result.json (a test per task step, worth its points; fields from CLASSROOM, ASSIGNMENT, SUBMISSION_TAG, COMMIT_URL, RELEASE_URL, REVIEW_URL)",
    )
    .option("--workdir <dir>", "with a command: the lesson's workspace, where it runs (default: ./docker-tutor-labs/<slug>)")
    .addOption(json())
    .addHelpText(
      "after",
      `${examples(
        "docker-tutor check 1",
        "docker-tutor check hello-world --step 2 --json",
        "docker-tutor check 3 --report grade.md --junit grade.xml",
        "docker-tutor check 4 -- bash lab4.sh",
        "docker-tutor check 4 --classroom50 result.json -- bash lab4.sh",
      )}\nA step whose state a later step undid still passes when the tutor saw it pass (in the lesson, solve, check, or a command run under check -- …).\nExit codes: 0 every task step passes, 1 one does not, 2 usage, 3 Docker unreachable.\n`,
    )
    .action(
      async (
        ref: string | undefined,
        operands: string[],
        options: { step?: string; json: boolean; junit?: string; report?: string; classroom50?: string; live: boolean; workdir?: string },
        command: Command,
      ) => {
        const { check } = await import("./commands/check.js");
        const { lesson, run } = commandAfterDashes(command, ref, operands);
        await check(session(command), lesson, { ...options, ...(run.length > 0 ? { command: run } : {}) });
      },
    );

  program
    .command("report")
    .description("an instructor's roll-up of students' `check --json` files: students by steps, with totals")
    .argument("<files...>", 'check --json files, one or more per student (the name is the file\'s, a.json → a, unless it has "student")')
    .option("--csv <file>", "also write the table as CSV")
    .option("--html <file>", "also write one self-contained HTML page: the class as a coloured grid")
    .addHelpText(
      "after",
      `${examples(
        "docker-tutor report submissions/*.json",
        "docker-tutor report alice.json bob.json --html class.html --csv class.csv",
      )}\nExit codes: 0 the report was made, 2 a file could not be read as check --json.\n`,
    )
    .action(async (files: string[], options: { csv?: string; html?: string }, command: Command) => {
      const { report } = await import("./commands/report.js");
      await report(session(command), files, options);
    });

  program
    .command("hint")
    .description("the next hint for a step; after the last, what differs on the daemon now")
    .argument("<lesson>", "lesson number or slug")
    .argument("[step]", "step number or id (default: the first unfinished)")
    .addHelpText("after", examples("docker-tutor hint 1", "docker-tutor hint 1 pull-alpine"))
    .action(async (ref: string, step: string | undefined, _options: unknown, command: Command) => {
      const { hint } = await import("./commands/hint.js");
      await hint(session(command), ref, step);
    });

  program
    .command("reset")
    .description("remove what a lesson made (only that), clear its progress and restore its workspace files")
    .argument("[lesson]", "lesson number or slug (default: every lesson with progress)")
    .option("--workdir <dir>", "the lesson's workspace, when the tutor has no record of it (default: ./docker-tutor-labs/<slug>)")
    .addHelpText("after", examples("docker-tutor reset 1", "docker-tutor reset --yes", "docker-tutor reset 3 --yes --workdir ~/labs/web"))
    .action(async (ref: string | undefined, options: { workdir?: string }, command: Command) => {
      const { reset } = await import("./commands/reset.js");
      const s = session(command);
      await reset(s, ref, { yes: s.globals.yes, ...(options.workdir ? { workdir: options.workdir } : {}) });
    });

  program
    .command("solve")
    .description("run a lesson's solutions through the built-in interpreter, showing each command, then check each step")
    .argument("<lesson>", "lesson number or slug")
    .option("--step <step>", "only this step (number or id)")
    .option("--workdir <dir>", "the lesson's workspace (default: ./docker-tutor-labs/<slug>)")
    .addHelpText(
      "after",
      `${examples("docker-tutor solve 1", "docker-tutor solve 1 --step make-a-file")}\nUndo what it made with docker-tutor reset <lesson>.\n`,
    )
    .action(async (ref: string, options: { step?: string; workdir?: string }, command: Command) => {
      const { solve } = await import("./commands/solve.js");
      await solve(session(command), ref, options);
    });

  program
    .command("explain")
    .description("show the Engine API calls a docker command makes, each with why; nothing runs unless --run")
    .argument("<command>", "a docker command, quoted")
    .option("--run", "also run it through the built-in interpreter", false)
    .addOption(json())
    .addHelpText(
      "after",
      examples(
        'docker-tutor explain "docker container run -d -p 8080:80 --name web nginx:alpine"',
        'docker-tutor explain --json "docker image pull alpine"',
      ),
    )
    .action(async (line: string, options: { run: boolean; json: boolean }, command: Command) => {
      const { explain } = await import("./commands/explain.js");
      await explain(session(command), line, options);
    });

  program
    .command("validate")
    .description("check lesson files for mistakes, reported as file:line:col")
    .argument("<paths...>", "lesson files or folders")
    .addHelpText(
      "after",
      `${examples("docker-tutor validate lessons/", "docker-tutor validate my-pack/01-intro.yaml")}\nExit codes: 0 all valid, 2 a mistake was found.\n`,
    )
    .action(async (paths: string[], _options: unknown, command: Command) => {
      const { validate } = await import("./commands/validate.js");
      await validate(session(command), paths);
    });

  const env = program
    .command("env")
    .description("a multi-node playground on this machine: nodes that each run their own Docker daemon, for the swarm labs")
    .addHelpText(
      "after",
      `${examples("docker-tutor env up --nodes 2", "docker-tutor env shell node2", "docker-tutor env ls", "docker-tutor env down")}\nNodes are containers running Docker (Docker-in-Docker) on a network made for them; their daemons are reachable on that network only.\n`,
    );
  const envName = () => new Option("--name <name>", "the playground's name").default("play");
  env
    .command("up")
    .description("start the nodes, each with the lesson images copied in")
    .option("--nodes <n>", "how many nodes (1 to 5)", "2")
    .addOption(envName())
    .option("--node-image <image>", "an image whose entrypoint runs dockerd", "docker:dind")
    .addHelpText("after", examples("docker-tutor env up", "docker-tutor env up --nodes 3 --name lab"))
    .action(async (options: { nodes: string; name: string; nodeImage: string }, command: Command) => {
      const { envUp } = await import("./commands/env.js");
      await envUp(session(command), options);
    });
  env
    .command("ls")
    .description("the nodes: address, state, engine version and swarm role")
    .addOption(json())
    .addHelpText("after", examples("docker-tutor env ls", "docker-tutor env ls --json"))
    .action(async (options: { json: boolean }, command: Command) => {
      const { envLs } = await import("./commands/env.js");
      await envLs(session(command), options);
    });
  env
    .command("shell")
    .description("a shell inside a node, where docker talks to that node's daemon: your second terminal in the labs")
    .argument("<node>", "node1, node2, …")
    .addOption(envName())
    .addHelpText("after", examples("docker-tutor env shell node1", "docker-tutor env shell node2 --name lab"))
    .action(async (node: string, options: { name: string }, command: Command) => {
      const { envShell } = await import("./commands/env.js");
      await envShell(session(command), node, options);
    });
  env
    .command("down")
    .description("remove the nodes, their volumes and the network: exactly what env up made, found by label")
    .addOption(envName())
    .addHelpText("after", examples("docker-tutor env down", "docker-tutor env down --name lab"))
    .action(async (options: { name: string }, command: Command) => {
      const { envDown } = await import("./commands/env.js");
      await envDown(session(command), options);
    });

  program
    .command("doctor")
    .description("check that Docker is ready for the lessons: daemon, versions, swarm, ports, images, routing mesh")
    .addOption(json())
    .addHelpText(
      "after",
      `${examples("docker-tutor doctor", "docker-tutor doctor --json | jq .ports")}\nExit codes: 0 ready, 1 something blocks the lessons, 3 Docker unreachable.\n`,
    )
    .action(async (options: { json: boolean }, command: Command) => {
      const { doctor } = await import("./commands/doctor.js");
      await doctor(session(command), options);
    });

  return program;
}

/**
 * `check 4 -- bash lab4.sh`: the lesson is the operand before `--`, the command every one after it.
 * Commander reads both as operands; the `--` in the raw arguments tells them apart, so that
 * `check -- bash x.sh` never takes `bash` for a lesson and `check 4 bash` is refused, not run.
 */
export function commandAfterDashes(
  command: Command,
  ref: string | undefined,
  operands: readonly string[],
): { lesson: string | undefined; run: string[] } {
  let root = command;
  while (root.parent) root = root.parent;
  const raw = (root as Command & { rawArgs?: string[] }).rawArgs ?? [];
  const dashes = raw.indexOf("--");
  const all = [...(ref === undefined ? [] : [ref]), ...operands];
  const after = dashes === -1 ? 0 : Math.min(raw.length - dashes - 1, all.length);
  const before = all.slice(0, all.length - after);
  if (before.length > 1 || (dashes === -1 && operands.length > 0)) {
    throw new TutorError(
      `check takes one lesson, then the command to run after --: ${all.join(" ")} is not that.`,
      "Write it as: docker-tutor check 4 -- bash lab4.sh.",
      ExitCode.usage,
    );
  }
  return { lesson: before[0], run: all.slice(all.length - after) };
}
