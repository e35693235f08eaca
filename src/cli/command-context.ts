import type { Connection } from "../docker/connect.js";
import { ExitCode, TutorError } from "../errors.js";
import type { CatalogEntry } from "../lessons/catalog.js";
import { findLesson } from "../lessons/find-lesson.js";
import { builtInLessonsDir } from "../lessons/lesson-files.js";
import { type BuiltInSummary, readPrebuiltCatalog, readPrebuiltIndex } from "../lessons/prebuilt-catalog.js";
import { parseVarOptions } from "../lessons/variables.js";
import { ProgressStore, progressPath } from "../progress/store.js";
import { createTheme, type Theme } from "../ui/theme.js";
import type { Session } from "./session.js";

/** --trust-pack, or its older name --allow-shell: the packs run beyond the pack policy, shell commands included. */
export const packsTrusted = (session: Session): boolean => session.globals.trustPack === true || session.globals.allowShell === true;

/** What most commands need, built from the session the same way everywhere. */
export function theme(session: Session): Theme {
  return createTheme(session.color);
}

function varOverrides(session: Session): Record<string, string> {
  const { values, problems } = parseVarOptions(session.globals.var ?? []);
  if (problems.length > 0) {
    throw new TutorError(`--var ${problems.join("; ")}.`, "Write each as --var NAME=VALUE, e.g. --var port=8081.", ExitCode.usage);
  }
  return values;
}

/** What `list` and the menu show of a lesson: a built-in lesson's summary, and where it came from. */
export interface LessonSummary extends BuiltInSummary {
  readonly source: string;
}

/** No --lessons-dir and no --var: the built-in lessons as built can stand for the catalog. */
const builtInOnly = (session: Session): boolean =>
  (session.globals.lessonsDir ?? []).length === 0 && (session.globals.var ?? []).length === 0;

/**
 * Every lesson. The built-in ones come validated from the build when nothing changes them (no
 * --var, no --lessons-dir, files as built); otherwise YAML and the schema load and check them here.
 */
export async function catalog(session: Session): Promise<CatalogEntry[]> {
  const prebuilt = builtInOnly(session) ? readPrebuiltCatalog(builtInLessonsDir()) : undefined;
  if (prebuilt) return prebuilt;
  const { loadCatalog } = await import("../lessons/catalog.js");
  return loadCatalog(session.globals.lessonsDir ?? [], varOverrides(session), packsTrusted(session));
}

/** The lesson, with the variable values the tutor chose for it earlier (a port it moved) unless --var says otherwise. */
export async function lesson(session: Session, ref: string): Promise<CatalogEntry> {
  const entry = findLesson(await catalog(session), ref);
  const chosen = progressStore(session).lesson(entry.lesson.id)?.variables;
  return chosen && Object.keys(chosen).length > 0 ? withVariables(session, entry, chosen) : entry;
}

/** The same lesson file loaded again with these variable values under the --var ones. */
export async function withVariables(
  session: Session,
  entry: CatalogEntry,
  values: Readonly<Record<string, string>>,
): Promise<CatalogEntry> {
  const { loadLessonFile } = await import("../lessons/catalog.js");
  const loaded = loadLessonFile(entry.file, entry.source, { ...values, ...varOverrides(session) }, entry.shellAllowed);
  return loaded.entry ?? entry;
}

/** The variables the learner set with --var. */
export const explicitVariables = (session: Session): ReadonlySet<string> => new Set(Object.keys(varOverrides(session)));

/** Every lesson's summary: from the build's small index when the catalog would be the prebuilt one, else from the catalog. */
export async function lessonSummaries(session: Session): Promise<LessonSummary[]> {
  const index = builtInOnly(session) ? readPrebuiltIndex(builtInLessonsDir()) : undefined;
  if (index) return index.map((summary) => ({ ...summary, source: "built-in" }));
  return (await catalog(session)).map(({ lesson: l, source }) => ({
    number: l.number,
    id: l.id,
    slug: l.slug,
    title: l.title,
    minutes: l.minutes,
    stepIds: l.steps.map((s) => s.id),
    source,
  }));
}

export function progressStore(session: Session): ProgressStore {
  const warn = (message: string) => session.stderr.write(`${theme(session).warn} ${message}\n`);
  return new ProgressStore(progressPath(session.world.env), warn, session.now);
}

/** The daemon, reached the way --host and --context say; its client loads here, so commands that never talk to Docker (list, --help) start without it. */
export async function connect(session: Session): Promise<Connection> {
  const { connectToDocker } = await import("../docker/connect.js");
  return connectToDocker({ host: session.globals.host, context: session.globals.context }, session.world);
}

/** `--step 3` → index 2, checked against the lesson. */
export function stepIndex(entry: CatalogEntry, step: string | undefined): number | undefined {
  if (step === undefined) return undefined;
  const byId = entry.lesson.steps.findIndex((s) => s.id === step);
  if (byId >= 0) return byId;
  const n = Number(step);
  if (Number.isInteger(n) && n >= 1 && n <= entry.lesson.steps.length) return n - 1;
  throw new TutorError(
    `Lesson ${entry.lesson.number} has no step "${step}".`,
    `Give a number from 1 to ${entry.lesson.steps.length}, or a step id such as ${entry.lesson.steps[0]?.id}.`,
    ExitCode.usage,
  );
}
