import { daemonMessageOf, missingEndpointOf, missingEndpointWords, statusCodeOf } from "../../../docker-errors.js";
import type { CommandIO } from "../../command.js";

/**
 * Daemon errors, said as the docker CLI says them. Errors with no HTTP status (the daemon is not
 * there at all) are not the command's to report: `reportDaemonError` rethrows them for the tutor's
 * one handler, which says how to reach the daemon.
 */
export function isDaemonAnswer(error: unknown): boolean {
  return statusCodeOf(error) !== undefined;
}

export const isMissing = (error: unknown): boolean => statusCodeOf(error) === 404;

/** The daemon's words, or one sentence when what it refused is an endpoint it does not have (Podman's swarm). */
export function fromDaemon(error: unknown): string {
  const missing = missingEndpointOf(error);
  return `Error response from daemon: ${missing === undefined ? daemonMessageOf(error) : missingEndpointWords(missing)}`;
}

/** What the docker CLI prints for a failed request: the daemon's answer after "Error response from daemon: ". */
export function daemonFailureText(error: unknown): string {
  if (!isDaemonAnswer(error)) return error instanceof Error ? error.message : String(error);
  return fromDaemon(error);
}

/** Prints the failure on stderr and gives the CLI's exit code for it. */
export function reportFailure(io: CommandIO, error: unknown): number {
  io.stderr.write(`${daemonFailureText(error)}\n`);
  return 1;
}

/** Prints `Error response from daemon: …` and returns `exitCode`, or rethrows a failure that is not the daemon's answer. */
export function reportDaemonError(error: unknown, io: CommandIO, exitCode = 1): number {
  if (!isDaemonAnswer(error)) throw error;
  io.stderr.write(`${fromDaemon(error)}\n`);
  return exitCode;
}

/** `docker run` errors: "docker: …" and the help hint, exit code by docker/cli `toStatusError`. */
export function reportRunError(message: string, io: CommandIO): number {
  io.stderr.write(`docker: ${message}\n\nRun 'docker run --help' for more information\n`);
  return runExitCode(message);
}

/** 127: the command was not found; 126: it could not be run; 125: docker itself failed. */
export function runExitCode(message: string): number {
  if (/executable file not found|no such file or directory|system cannot find the file specified/.test(message)) return 127;
  if (/permission denied|is a directory/.test(message)) return 126;
  return 125;
}
