import type { ApiCall } from "../../api-call.js";
import { type CommandIO, type Refusal, refuse } from "../../command.js";
import type { EngineTransport } from "../../transport.js";
import { fromDaemon, isDaemonAnswer } from "../shared/daemon-failure.js";
import { sendForNothing } from "../shared/send-call.js";

/** The CLI's "'docker start' requires at least 1 argument", with what the argument is. */
export function needsArguments(args: readonly string[], count: number, command: string, what: string): Refusal | undefined {
  if (args.length >= count) return undefined;
  return refuse(`'docker ${command}' requires at least ${count} argument${count === 1 ? "" : "s"}: ${what}`);
}

/**
 * stop, kill and rm: one call per container, each name printed as typed when it worked; the
 * daemon's errors follow, and the exit code is 1 if any failed (docker/cli container/stop.go).
 */
export async function eachContainer(
  engine: EngineTransport,
  calls: readonly ApiCall[],
  names: readonly string[],
  io: CommandIO,
): Promise<{ failed: string[]; errors: string[] }> {
  const failed: string[] = [];
  const errors: string[] = [];
  for (const [index, call] of calls.entries()) {
    const name = names[index] ?? "";
    try {
      await sendForNothing(engine, call);
      io.stdout.write(`${name}\n`);
    } catch (error) {
      if (!isDaemonAnswer(error)) throw error;
      failed.push(name);
      errors.push(fromDaemon(error));
    }
  }
  return { failed, errors };
}

/** Prints the collected errors, one per line; 1 if there were any. */
export function reportErrors(errors: readonly string[], io: CommandIO): number {
  if (errors.length === 0) return 0;
  io.stderr.write(`${errors.join("\n")}\n`);
  return 1;
}

export const containerPath = (name: string, action = ""): string =>
  `/containers/${encodeURIComponent(name)}${action === "" ? "" : `/${action}`}`;
