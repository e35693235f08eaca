import { readFileSync, writeFileSync } from "node:fs";
import { ExitCode, TutorError } from "../../errors.js";
import { parseCheckFile } from "../../grading/check-file.js";
import { rollUp } from "../../grading/class-roll.js";
import { rollCsv } from "../../grading/report-csv.js";
import { rollHtml } from "../../grading/report-html.js";
import { renderClassGrid } from "../../ui/class-grid.js";
import { theme } from "../command-context.js";
import type { Session } from "../session.js";

/** An instructor's roll-up of students' `check --json` files; reads files only, never the daemon. */
export async function report(session: Session, files: readonly string[], options: { csv?: string; html?: string }): Promise<void> {
  const roll = rollUp(files.map((file) => parseCheckFile(file, readText(file))));
  const width = session.stdout.isTTY ? session.stdout.columns || 80 : 80;
  session.stdout.write(renderClassGrid(roll, theme(session), width));
  if (options.csv) write(options.csv, rollCsv(roll));
  if (options.html) write(options.html, rollHtml(roll, session.now()));
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new TutorError(
      `Cannot read ${JSON.stringify(file)}: ${why(error)}.`,
      "Name files that exist: one `check --json` file per student (or per student and lesson).",
      ExitCode.usage,
      [],
      { cause: error },
    );
  }
}

function write(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (error) {
    throw new TutorError(
      `Cannot write ${JSON.stringify(file)}: ${why(error)}.`,
      "Give a path in a folder that exists and that you may write to.",
      ExitCode.usage,
      [],
      { cause: error },
    );
  }
}

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: "there is no such file or folder",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "it is a folder",
  ENOTDIR: "a part of its path is not a folder",
};

const why = (error: unknown) => {
  const { code, message } = error as NodeJS.ErrnoException;
  return (code && REASONS[code]) ?? message;
};
