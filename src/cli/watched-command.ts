import { spawn } from "node:child_process";
import { ExitCode, TutorError } from "../errors.js";

/** How a command run under `check -- …` ended. */
export interface CommandEnd {
  /** Its exit code; null when a signal ended it. */
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface CommandIO {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where its output goes: a stream with a file descriptor is handed over whole (the command sees a terminal where there is one). */
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

/** A stream's file descriptor, when it has one the command can write to directly. */
const fdOf = (stream: NodeJS.WritableStream): number | undefined => {
  const fd = (stream as { fd?: unknown }).fd;
  return typeof fd === "number" ? fd : undefined;
};

/**
 * Runs a learner's command (`bash lab4.sh`) as their shell would, its input the tutor's and its
 * output where the tutor's goes. It is the learner's own program: no pack policy applies, as to
 * what they type in their own terminal. Rejects with one sentence when it cannot start at all.
 */
export function runLearnerCommand(command: readonly string[], io: CommandIO): Promise<CommandEnd> {
  const [program, ...args] = command;
  if (program === undefined) return Promise.reject(new Error("no command to run"));
  const out = fdOf(io.stdout);
  const err = fdOf(io.stderr);
  const child = spawn(program, args, {
    cwd: io.cwd,
    env: Object.fromEntries(Object.entries(io.env).filter((e): e is [string, string] => e[1] !== undefined)),
    stdio: ["inherit", out ?? "pipe", err ?? "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => io.stdout.write(chunk));
  child.stderr?.on("data", (chunk: Buffer) => io.stderr.write(chunk));
  return new Promise((resolve, reject) => {
    child.once("error", (error: NodeJS.ErrnoException) => {
      const why = error.code === "ENOENT" ? "it was not found" : error.message;
      reject(
        new TutorError(
          `Could not run \`${program}\`: ${why}.`,
          "Give the command after -- as you would type it in a shell, e.g. docker-tutor check 4 -- bash lab4.sh.",
          ExitCode.usage,
        ),
      );
    });
    child.once("close", (exitCode, signal) => resolve({ exitCode, signal }));
  });
}

/** "exited with 0", "was ended by SIGINT": how the command ended, in words. */
export function commandEndWords(end: CommandEnd): string {
  return end.exitCode === null ? `was ended by ${end.signal ?? "a signal"}` : `exited with ${end.exitCode}`;
}
