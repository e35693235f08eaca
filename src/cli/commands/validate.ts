import { statSync } from "node:fs";
import { resolve } from "node:path";
import { ExitCode, ExitError, TutorError } from "../../errors.js";
import { lessonFilesIn, loadLessonFile } from "../../lessons/catalog.js";
import { formatProblem } from "../../lessons/lesson-problems.js";
import { parseVarOptions } from "../../lessons/variables.js";
import { theme } from "../command-context.js";
import type { Session } from "../session.js";

/** Lints lesson files for authors: each mistake as `file:line:col: what — fix`; exit 2 if any. */
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
  for (const file of files) {
    const { entry, problems } = loadLessonFile(file, "validate", values, session.globals.allowShell === true);
    mistakes += problems.length;
    for (const problem of problems) session.stdout.write(`${formatProblem(problem)}\n`);
    if (entry)
      session.stdout.write(
        `${t.ok} ${file}: lesson ${entry.lesson.number} "${entry.lesson.title}", ${entry.lesson.steps.length} step${entry.lesson.steps.length === 1 ? "" : "s"}\n`,
      );
  }
  if (mistakes > 0) {
    session.stderr.write(
      `${t.fail} ${mistakes} mistake${mistakes === 1 ? "" : "s"} in ${files.length} file${files.length === 1 ? "" : "s"}.\n`,
    );
    throw new ExitError(ExitCode.usage);
  }
}
