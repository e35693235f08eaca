import { terminalSafe } from "../docker/terminal-safe.js";
import { TutorError } from "../errors.js";
import { type Theme, withCode } from "./theme.js";

/**
 * The one way an error reaches a user: the sentence, the fix, what was tried; a stack only when
 * asked. Errors quote the daemon, registries and file names, so their words are made terminal-safe
 * before the theme colours them.
 */
export function renderError(error: unknown, theme: Theme, verbose: boolean): string {
  const safe = terminalSafe;
  const lines: string[] = [];
  if (error instanceof TutorError) {
    lines.push(`${theme.fail} ${withCode(theme, safe(error.message))}`);
    lines.push(`  ${theme.arrow} ${withCode(theme, safe(error.fix))}`);
    for (const detail of error.details) lines.push(theme.dim(`    ${safe(detail)}`));
  } else {
    const message = error instanceof Error ? error.message : String(error);
    lines.push(`${theme.fail} docker-tutor hit an error it did not expect: ${safe(message)}`);
    lines.push(`  ${theme.arrow} Please report it with the output of the same command run with --verbose.`);
  }
  if (verbose && error instanceof Error && error.stack) {
    lines.push(theme.dim(safe(error.stack)));
    if (error.cause instanceof Error && error.cause.stack) lines.push(theme.dim(`caused by: ${safe(error.cause.stack)}`));
  }
  return `${lines.join("\n")}\n`;
}
