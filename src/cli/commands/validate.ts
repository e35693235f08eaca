import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { ExitCode, ExitError, TutorError } from "../../errors.js";
import { lessonFilesIn, loadLessonFile } from "../../lessons/catalog.js";
import { formatProblem, formatWarning } from "../../lessons/lesson-problems.js";
import { placeShellWarnings, shellWarnings } from "../../lessons/shell-warnings.js";
import { parseVarOptions } from "../../lessons/variables.js";
import { packsTrusted, theme } from "../command-context.js";
import type { Session } from "../session.js";

/**
 * Lints lesson files for authors: each mistake as `file:line:col: what — fix`; exit 2 if any.
 * Warnings (a command some learner's shell would not run as shown) are listed, never fail.
 */
export async function validate(session: Session, paths: readonly string[]): Promise<void> {
  const t = theme(session);
  const { values } = parseVarOptions(session.globals.var ?? []);
  const files = paths.flatMap((path) => {
    const full = resolve(path);
    let isDir: boolean;
    try {
      isDir = statSync(full).isDirectory();
    } catch {
      throw new TutorError(`${path} does not exist.`, "Give lesson files (NN-slug.yaml) or folders that hold them.", ExitCode.usage);
    }
    return isDir ? lessonFilesIn(full) : [full];
  });
  if (files.length === 0)
    throw new TutorError(
      `No lesson files (NN-slug.yaml) in ${paths.join(", ")}.`,
      "Name lesson files like 01-hello-world.yaml.",
      ExitCode.usage,
    );
  let mistakes = 0;
  let warnings = 0;
  for (const file of files) {
    const { entry, problems } = loadLessonFile(file, "validate", values, packsTrusted(session));
    mistakes += problems.length;
    for (const problem of problems) session.stdout.write(`${formatProblem(problem)}\n`);
    if (!entry) continue;
    const placed = placeShellWarnings(file, readFileSync(file, "utf8"), shellWarnings(entry.lesson));
    warnings += placed.length;
    for (const warning of placed) session.stdout.write(`${formatWarning(warning)}\n`);
    session.stdout.write(
      `${placed.length > 0 ? t.warn : t.ok} ${file}: lesson ${entry.lesson.number} "${entry.lesson.title}", ${entry.lesson.steps.length} step${entry.lesson.steps.length === 1 ? "" : "s"}${placed.length > 0 ? `, ${placed.length} warning${placed.length === 1 ? "" : "s"}` : ""}\n`,
    );
  }
  if (warnings > 0 && mistakes === 0) {
    session.stdout.write(
      `${t.warn} ${warnings} warning${warnings === 1 ? "" : "s"}: commands some learners' shells would not run as shown (warnings do not fail validate).\n`,
    );
  }
  if (mistakes > 0) {
    session.stderr.write(
      `${t.fail} ${mistakes} mistake${mistakes === 1 ? "" : "s"} in ${files.length} file${files.length === 1 ? "" : "s"}.\n`,
    );
    throw new ExitError(ExitCode.usage);
  }
}
