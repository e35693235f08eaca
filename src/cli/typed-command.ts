import { type ChildProcess, spawn } from "node:child_process";
import { countInterrupts } from "./interrupts.js";

export interface TypedCommandOptions {
  /** Where it runs: the lesson's workspace. */
  readonly cwd: string;
  /** Runs the line through the built-in interpreter; absent, the docker CLI runs it in a shell. */
  readonly interpreter?: (line: string, signal: AbortSignal) => Promise<number>;
  readonly source?: NodeJS.EventEmitter;
}

/**
 * A docker command the learner typed at the lesson's prompt, as their shell would run it. Ctrl-C
 * stops the command, not the lesson, as in a shell: the terminal sends it to the docker CLI (the
 * interpreter's requests are cut), and a second one kills a CLI that would not stop.
 */
export async function runTypedCommand(line: string, options: TypedCommandOptions): Promise<{ exitCode: number; stopped: boolean }> {
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
      child = spawn(line, { shell: true, stdio: "inherit", cwd: options.cwd });
      child.on("error", () => resolve(127));
      child.on("close", (code, signal) => resolve(code ?? (signal === "SIGINT" ? 130 : 1)));
    });
  try {
    const exitCode = await (options.interpreter ? options.interpreter(line, stop.signal) : viaCli());
    return { exitCode, stopped };
  } finally {
    stopListening();
  }
}
