import { existsSync, readFileSync, realpathSync } from "node:fs";
import { basename, resolve } from "node:path";
import { ExitCode, TutorError } from "../errors.js";
import { builtInLessonsDir, lessonFilesIn } from "./lesson-files.js";
import { LessonFileError, type LessonProblem } from "./lesson-problems.js";
import { type LessonFiles, parseLesson } from "./load.js";
import { linkProblem, linksUnder } from "./pack-links.js";
import type { Lesson } from "./schema.js";

export interface CatalogEntry {
  readonly lesson: Lesson;
  readonly file: string;
  /** `lessons/NN-slug/`: Dockerfiles, pages and compose files the lesson copies to the workspace. */
  readonly assetDir: string;
  readonly source: "built-in" | string;
  readonly variables: Readonly<Record<string, string>>;
  /**
   * A pack the learner trusts (--trust-pack, or --allow-shell): its solutions may run host shell
   * commands and its docker commands are not held to the pack policy. Never set for built-in lessons,
   * which are trusted (trust.ts) but have no shell actions.
   */
  readonly shellAllowed: boolean;
}

export const realFiles: LessonFiles = {
  realPath: (path) => {
    try {
      return realpathSync(path);
    } catch {
      return undefined;
    }
  },
};

export { builtInLessonsDir, lessonFilesIn } from "./lesson-files.js";

export function loadLessonFile(
  file: string,
  source: string,
  overrides: Readonly<Record<string, string>>,
  /** --trust-pack (or --allow-shell). */
  trusted = false,
): { entry?: CatalogEntry; problems: readonly LessonProblem[] } {
  const assetDir = file.replace(/\.ya?ml$/, "");
  // Before anything is read: a lesson file that is a link would be read wherever it leads.
  const fileLink = linkProblem(file);
  if (fileLink.length > 0) return { problems: fileLink };
  const builtIn = source === "built-in";
  const shellAllowed = trusted && !builtIn;
  const parsed = parseLesson(readFileSync(file, "utf8"), file, assetDir, overrides, realFiles, shellAllowed, !builtIn && !trusted);
  // A pack holds no links, anywhere under a lesson's asset folder (issue 17): the workspace gets plain files only.
  const links = linksUnder(assetDir);
  if (!parsed.lesson || links.length > 0) return { problems: [...parsed.problems, ...links] };
  return { entry: { lesson: parsed.lesson, file, assetDir, source, variables: parsed.variables, shellAllowed }, problems: [] };
}

/**
 * Every lesson: the built-in ones, then each `--lessons-dir` pack. Any mistake stops the load (exit 2).
 * `trusted` (--trust-pack, or --allow-shell) lets the packs' solutions run host shell commands and
 * docker commands outside the pack policy; built-in ones never run shell commands.
 */
export function loadCatalog(packs: readonly string[], overrides: Readonly<Record<string, string>>, trusted = false): CatalogEntry[] {
  const sources: [string, string][] = [[builtInLessonsDir(), "built-in"]];
  for (const pack of packs) {
    const dir = resolve(pack);
    if (!existsSync(dir)) {
      throw new TutorError(`The lessons folder ${pack} does not exist.`, "Check the path given to --lessons-dir.", ExitCode.usage);
    }
    sources.push([dir, dir]);
  }
  const entries: CatalogEntry[] = [];
  const problems: LessonProblem[] = [];
  for (const [dir, source] of sources) {
    for (const file of lessonFilesIn(dir)) {
      const loaded = loadLessonFile(file, source, overrides, trusted);
      problems.push(...loaded.problems);
      if (loaded.entry) entries.push(loaded.entry);
    }
  }
  problems.push(...clashes(entries));
  if (problems.length > 0) throw new LessonFileError(problems);
  return entries.sort((a, b) => a.lesson.number - b.lesson.number);
}

function clashes(entries: readonly CatalogEntry[]): LessonProblem[] {
  const problems: LessonProblem[] = [];
  const byId = new Map<string, CatalogEntry>();
  const byNumber = new Map<number, CatalogEntry>();
  for (const entry of entries) {
    const sameId = byId.get(entry.lesson.id);
    const sameNumber = byNumber.get(entry.lesson.number);
    const at = { file: entry.file, line: 1, col: 1 };
    if (sameId)
      problems.push({
        ...at,
        what: `lesson id "${entry.lesson.id}" is also used by ${basename(sameId.file)}`,
        fix: "give each lesson its own id",
      });
    if (sameNumber)
      problems.push({
        ...at,
        what: `lesson number ${entry.lesson.number} is also used by ${basename(sameNumber.file)}`,
        fix: "give each lesson its own number",
      });
    byId.set(entry.lesson.id, entry);
    byNumber.set(entry.lesson.number, entry);
  }
  return problems;
}
