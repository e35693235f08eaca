import { TutorError } from "../errors.js";
import { type Theme, withCode } from "./theme.js";

/** The one way an error reaches a user: the sentence, the fix, what was tried; a stack only when asked. */
export function renderError(error: unknown, theme: Theme, verbose: boolean): string {
  const lines: string[] = [];
  if (error instanceof TutorError) {
    lines.push(`${theme.fail} ${withCode(theme, error.message)}`);
    lines.push(`  ${theme.arrow} ${withCode(theme, error.fix)}`);
    for (const detail of error.details) lines.push(theme.dim(`    ${detail}`));
  } else {
    const message = error instanceof Error ? error.message : String(error);
    lines.push(`${theme.fail} docker-tutor hit an error it did not expect: ${message}`);
    lines.push(`  ${theme.arrow} Please report it with the output of the same command run with --verbose.`);
  }
  if (verbose && error instanceof Error && error.stack) {
    lines.push(theme.dim(error.stack));
    if (error.cause instanceof Error && error.cause.stack) lines.push(theme.dim(`caused by: ${error.cause.stack}`));
  }
  return `${lines.join("\n")}\n`;
}
