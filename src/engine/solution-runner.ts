import { spawn } from "node:child_process";
import { Writable } from "node:stream";
import { dockerCliSettings } from "../docker/cli-settings.js";
import type { DockerClient } from "../docker/client.js";
import type { TokenizeEnv } from "../docker/interpreter/tokenize.js";
import { terminalSafe, terminalSafeStream } from "../docker/terminal-safe.js";
import type { PlaygroundNodes } from "../env/playground-nodes.js";
import { TutorError } from "../errors.js";
import type { Step } from "../lessons/schema.js";
import { variableValueProblem } from "../lessons/variables.js";
import type { NameClearing } from "./clear-held-name.js";
import { copyInWorkspace, writeInWorkspace } from "./workspace-files.js";
import { writeShown } from "./write-shown.js";

/**
 * What the run's commands see. There is no environment to pass: a solution's docker commands expand
 * only what the step captured and the nodes' addresses, never the learner's variables (`-e
 * GITHUB_TOKEN`, `$AWS_SECRET_ACCESS_KEY`, `~`), in `lesson` and `solve` as in `test` (issue 17).
 */
export interface SolutionIO {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** Told before each action, e.g. to print `$ docker …`. */
  readonly announce: (what: string) => void;
  /** Labels for every container the solution creates (a test run's mark). */
  readonly labels?: Readonly<Record<string, string>>;
  /** A test run's: services count as converged once their tasks run (CommandIO.convergedWhenRunning). */
  readonly convergedWhenRunning?: boolean;
  /** A test run's: the stop grace of the services it creates (CommandIO.taskStopGraceSeconds). */
  readonly taskStopGraceSeconds?: number;
  /** A test run's: which removed services' tasks are killed at once (CommandIO.killRemovedTasks). */
  readonly killRemovedTasks?: (service: { readonly id: string; readonly name: string }) => boolean;
  /**
   * A test run's: a failed `docker exec` is typed again, `times` more at most, `afterMs` apart, as a
   * learner would retype it: a name lookup inside a container can race (Podman lists the host's
   * name server after its own in a container plugged into a network after it started, and Alpine's
   * resolver asks both at once, so the host's "no such name" wins about one time in four). Absent,
   * a failed command stops the solution at once.
   */
  readonly execAgain?: { readonly afterMs: number; readonly times: number };
  /** Ctrl-C: cuts the running command (a pull, a build) and runs no more. */
  readonly signal?: AbortSignal;
  /** The lesson's playground, for commands that run on a node (`node: node1`). */
  readonly nodes?: PlaygroundNodes;
  /**
   * Asked before each command on this daemon: frees a name the lesson's own earlier try holds, or
   * says why the command must not run (clear-held-name.ts). Absent, commands run as written.
   */
  readonly clearName?: (line: string, env: TokenizeEnv) => Promise<NameClearing>;
  /**
   * Asked before each docker command, on the command as it will be expanded: why it must not run
   * (an untrusted pack's command that breaks the pack policy), or undefined. Absent, all run.
   */
  readonly guard?: (line: string, env: TokenizeEnv, nodeAddresses: readonly string[]) => Promise<string | undefined>;
}

export type SolutionOutcome =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly failed: string;
      readonly exitCode: number;
      readonly interrupted: boolean;
      /** The command was not run, and an announced line said why (a name something not the lesson's holds). */
      readonly notRun?: true;
    };

/** `docker exec …` or `docker container exec …`: a look inside a container, safe to type again. */
const EXEC_LINE = /^\s*docker\s+(container\s+)?exec\s/;

/**
 * A step's solution, as a learner would do it: docker commands through the built-in interpreter
 * (no docker CLI needed), file actions inside the workspace, and, only in a lesson pack the learner
 * trusts with --trust-pack (the loader refuses them otherwise), shell commands in the workspace.
 * Stops at the first command that fails and says which.
 */
export async function runSolution(step: Step, client: DockerClient, workspace: string, given: SolutionIO): Promise<SolutionOutcome> {
  // What containers, the daemon and registries say reaches the terminal as text, never as escape sequences (issue 17).
  const io: SolutionIO = {
    ...given,
    stdout: terminalSafeStream(given.stdout),
    stderr: terminalSafeStream(given.stderr),
    announce: (what) => given.announce(terminalSafe(what)),
  };
  // What `capture:` kept; the nodes' addresses (read once, for the first command on a node or one a guard looks at).
  const captured: Record<string, string> = {};
  let nodeVars: Record<string, string> | undefined;
  for (const action of step.solution) {
    if (io.signal?.aborted) return { ok: false, failed: describeAction(action), exitCode: 130, interrupted: true };
    if ("run" in action) {
      const target = action.node === undefined ? client : await io.nodes?.client(action.node);
      if (!target) return { ok: false, failed: `${action.run} (on ${action.node}: the node is not up)`, exitCode: 1, interrupted: false };
      if (io.nodes && (action.node || io.guard) && !nodeVars) nodeVars = await nodeVariables(io.nodes);
      const nodes = nodeVars ?? {};
      // The nodes' addresses win over a capture of the same name: a guard trusts them as the lesson's own.
      const vars = { ...captured, ...nodes, ...(action.node ? { NODE_ADDR: nodes[`${action.node.toUpperCase()}_ADDR`] ?? "" } : {}) };
      // Each value stays one word: a captured `x --privileged` cannot add a flag.
      const env: TokenizeEnv = { vars, cwd: workspace, wholeExpansions: true };
      const refused = await io.guard?.(action.run, env, Object.values(nodes));
      if (refused !== undefined) {
        io.announce(`# ${refused}`);
        return { ok: false, failed: action.run, exitCode: 1, interrupted: false, notRun: true };
      }
      // A node's daemon is not the one the lesson's snapshot and ownership rules describe.
      const clearing = action.node === undefined ? await io.clearName?.(action.run, env) : undefined;
      if (clearing?.said) io.announce(`# ${clearing.said}`);
      if (clearing?.go === false) return { ok: false, failed: action.run, exitCode: 1, interrupted: false, notRun: true };
      io.announce(`${action.node ? `${action.node} ` : ""}$ ${action.run}`);
      const kept = action.capture ? keeping(io.stdout) : undefined;
      const runOnce = () =>
        target.runCommand(action.run, {
          stdout: kept?.stream ?? io.stdout,
          stderr: io.stderr,
          stdin: action.stdin,
          cwd: workspace,
          env: vars,
          wholeExpansions: true,
          cliSettings: dockerCliSettings(),
          ...(io.labels ? { labels: io.labels } : {}),
          ...(io.convergedWhenRunning ? { convergedWhenRunning: true } : {}),
          ...(io.killRemovedTasks ? { killRemovedTasks: io.killRemovedTasks } : {}),
          ...(io.taskStopGraceSeconds === undefined ? {} : { taskStopGraceSeconds: io.taskStopGraceSeconds }),
          ...(io.signal ? { signal: io.signal } : {}),
        });
      let exitCode = await runOnce();
      // Not one whose output is kept: the failed try's output would be kept with the next one's.
      const again = io.execAgain && !action.capture && EXEC_LINE.test(action.run) ? io.execAgain : undefined;
      for (let tries = 0; again && exitCode !== 0 && tries < again.times && !io.signal?.aborted; tries++) {
        io.announce(`# it failed (exit ${exitCode}); typed again, as a learner would`);
        await new Promise((resolve) => setTimeout(resolve, again.afterMs));
        exitCode = await runOnce();
      }
      if (exitCode !== 0) return { ok: false, failed: action.run, exitCode, interrupted: io.signal?.aborted === true };
      if (action.capture && kept) {
        const value = kept.text().trim();
        // Validated as a text variable is: one line, no control characters, not an option.
        const unfit = value === "" ? undefined : variableValueProblem("text", value);
        if (unfit !== undefined) {
          io.announce(`# The output kept as ${action.capture} cannot be used by the step's later commands: ${unfit}.`);
          return { ok: false, failed: action.run, exitCode: 1, interrupted: false };
        }
        captured[action.capture] = value;
      }
    } else if ("shell" in action) {
      io.announce(`$ ${action.shell}`);
      const exitCode = await hostShell(action.shell, workspace, captured, io);
      if (exitCode !== 0) return { ok: false, failed: action.shell, exitCode, interrupted: io.signal?.aborted === true };
    } else {
      const refused = fileAction(action, workspace, io.announce);
      if (refused) return { ok: false, failed: describeAction(action), exitCode: 1, interrupted: false, notRun: true };
    }
  }
  return { ok: true };
}

/**
 * A `write:` or `copy:`, inside the workspace and through no link (workspace-files.ts). A refusal is
 * announced in its sentence and stops the solution, as a command that must not run does.
 */
function fileAction(
  action: Extract<Step["solution"][number], { write: unknown } | { copy: unknown }>,
  workspace: string,
  announce: (what: string) => void,
): boolean {
  try {
    if ("write" in action) {
      announce(`$ ${writeShown(action.write.path, action.write.content)}`);
      writeInWorkspace(workspace, action.write.path, action.write.content);
    } else {
      announce(`$ cp ${action.copy.from} ${action.copy.to}`);
      copyInWorkspace(workspace, action.copy.from, action.copy.to);
    }
    return false;
  } catch (error) {
    if (!(error instanceof TutorError)) throw error;
    announce(`# Not done: ${error.message}`);
    return true;
  }
}

/** `NODE1_ADDR`, `NODE2_ADDR`, …: each running node's address on the playground's network. */
async function nodeVariables(nodes: PlaygroundNodes): Promise<Record<string, string>> {
  const all = await nodes.addresses();
  return Object.fromEntries(all.map(({ node, address }) => [`${node.toUpperCase()}_ADDR`, address]));
}

/** Passes output on and keeps a copy. */
function keeping(out: NodeJS.WritableStream): { stream: NodeJS.WritableStream; text: () => string } {
  let text = "";
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      out.write(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

/**
 * `sh -c` in the workspace, output to io; Ctrl-C ends it. Only a pack the learner trusts has shell
 * actions, and a shell needs the learner's PATH and HOME: it gets the tutor's environment and the captures.
 */
function hostShell(command: string, workspace: string, captured: Readonly<Record<string, string>>, io: SolutionIO): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn("sh", ["-c", command], {
      cwd: workspace,
      env: { ...process.env, ...captured },
      stdio: ["ignore", "pipe", "pipe"],
      ...(io.signal ? { signal: io.signal } : {}),
    });
    child.stdout.on("data", (chunk: Buffer) => io.stdout.write(chunk));
    child.stderr.on("data", (chunk: Buffer) => io.stderr.write(chunk));
    child.on("error", () => undefined);
    child.on("close", (code) => resolve(code ?? 130));
  });
}

function describeAction(action: Step["solution"][number]): string {
  if ("run" in action) return action.run;
  if ("shell" in action) return action.shell;
  if ("write" in action) return `write ${action.write.path}`;
  return `cp ${action.copy.from} ${action.copy.to}`;
}
