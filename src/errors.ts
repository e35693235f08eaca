/** Exit codes, the same for every command (each command's --help says which it uses). */
export const ExitCode = {
  ok: 0,
  checkFailed: 1,
  usage: 2,
  dockerUnreachable: 3,
  /** Stopped by Ctrl-C (128 + SIGINT), as shells report it. */
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * An error a user can act on: one sentence saying what is wrong, one saying how to fix it.
 * Commands throw it; only src/cli/main.ts prints it and turns it into the exit code.
 */
export class TutorError extends Error {
  override readonly name = "TutorError";
  constructor(
    message: string,
    readonly fix: string,
    readonly exitCode: ExitCode = ExitCode.usage,
    /** Extra lines shown under the message (what was tried, for instance). */
    readonly details: readonly string[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Ends the process with a code after the command already said what it had to say. */
export class ExitError extends Error {
  override readonly name = "ExitError";
  constructor(readonly exitCode: ExitCode) {
    super(`exit ${exitCode}`);
  }
}
