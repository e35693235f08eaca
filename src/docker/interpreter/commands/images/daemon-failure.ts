import { daemonMessageOf, statusCodeOf } from "../../../docker-errors.js";
import type { CommandIO } from "../../command.js";

/** What the docker CLI prints for a failed request: the daemon's answer after "Error response from daemon: ". */
export function daemonFailureText(error: unknown): string {
  if (statusCodeOf(error) === undefined) return error instanceof Error ? error.message : String(error);
  return `Error response from daemon: ${daemonMessageOf(error)}`;
}

/** Prints the failure on stderr and gives the CLI's exit code for it. */
export function reportFailure(io: CommandIO, error: unknown): number {
  io.stderr.write(`${daemonFailureText(error)}\n`);
  return 1;
}

export const isMissing = (error: unknown): boolean => statusCodeOf(error) === 404;
