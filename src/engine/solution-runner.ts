import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { DockerClient } from "../docker/client.js";
import type { Step } from "../lessons/schema.js";
import { insideWorkspace } from "./workspace.js";

export interface SolutionIO {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Told before each action, e.g. to print `$ docker …`. */
  readonly announce: (what: string) => void;
  /** Labels for every container the solution creates (a test run's mark). */
  readonly labels?: Readonly<Record<string, string>>;
  /** Ctrl-C: cuts the running command (a pull, a build) and runs no more. */
  readonly signal?: AbortSignal;
}

export type SolutionOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly failed: string; readonly exitCode: number; readonly interrupted: boolean };

/**
 * A step's solution, as a learner would do it: docker commands through the built-in interpreter
 * (no docker CLI needed), file actions inside the workspace, and, only in a lesson pack the learner
 * allowed with --allow-shell (the loader refuses them otherwise), shell commands in the workspace.
 * Stops at the first command that fails and says which.
 */
export async function runSolution(step: Step, client: DockerClient, workspace: string, io: SolutionIO): Promise<SolutionOutcome> {
  for (const action of step.solution) {
    if (io.signal?.aborted) return { ok: false, failed: describeAction(action), exitCode: 130, interrupted: true };
    if ("run" in action) {
      io.announce(`$ ${action.run}`);
      const exitCode = await client.runCommand(action.run, {
        stdout: io.stdout,
        stderr: io.stderr,
        stdin: action.stdin,
        cwd: workspace,
        env: io.env,
        ...(io.labels ? { labels: io.labels } : {}),
        ...(io.signal ? { signal: io.signal } : {}),
      });
      if (exitCode !== 0) return { ok: false, failed: action.run, exitCode, interrupted: io.signal?.aborted === true };
    } else if ("shell" in action) {
      io.announce(`$ ${action.shell}`);
      const exitCode = await hostShell(action.shell, workspace, io);
      if (exitCode !== 0) return { ok: false, failed: action.shell, exitCode, interrupted: io.signal?.aborted === true };
    } else if ("write" in action) {
      io.announce(`# write ${action.write.path}`);
      const path = insideWorkspace(workspace, action.write.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, action.write.content);
    } else {
      io.announce(`$ cp ${action.copy.from} ${action.copy.to}`);
      copyFileSync(insideWorkspace(workspace, action.copy.from), insideWorkspace(workspace, action.copy.to));
    }
  }
  return { ok: true };
}

/** `sh -c` in the workspace, output to io; Ctrl-C ends it. */
function hostShell(command: string, workspace: string, io: SolutionIO): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn("sh", ["-c", command], {
      cwd: workspace,
      env: { ...process.env, ...io.env },
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
