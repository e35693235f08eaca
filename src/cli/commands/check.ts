import { writeFileSync } from "node:fs";
import { DaemonClock } from "../../docker/daemon-clock.js";
import { daemonKind } from "../../docker/daemon-kind.js";
import { withSharedReads } from "../../docker/shared-reads.js";
import type { LessonGrade } from "../../engine/grade.js";
import { LessonRecord } from "../../engine/lesson-record.js";
import { LessonRun } from "../../engine/lesson-run.js";
import { ExitCode, ExitError, TutorError } from "../../errors.js";
import { classroom50Result } from "../../grading/classroom50.js";
import type { CatalogEntry } from "../../lessons/catalog.js";
import { gradeJunit, gradeMarkdown } from "../../ui/grade-files.js";
import { gradeJson, renderGrade } from "../../ui/grade-report.js";
import { catalog, connect, lesson, progressStore, stepIndex, theme } from "../command-context.js";
import { refuseMisfit } from "../lesson-start.js";
import type { Session } from "../session.js";
import type { CommandEnd } from "../watched-command.js";

export interface CheckOptions {
  readonly step?: string;
  readonly json: boolean;
  readonly junit?: string;
  readonly report?: string;
  /** Classroom 50's result.json. */
  readonly classroom50?: string;
  /** Current state only: passes recorded earlier do not count. */
  readonly live?: boolean;
  /** A command to run while the tutor watches every step (`check 4 -- bash lab4.sh`); graded after it ends. */
  readonly command?: readonly string[];
  /** The lesson's workspace, where the command runs (default: ./docker-tutor-labs/<slug> for a lesson with files). */
  readonly workdir?: string;
}

/**
 * Grades lessons: each task step passes now, or passed earlier as the tutor saw and recorded, or
 * fails with what differs. Reads the daemon only (a command given after -- is the learner's, and
 * changes what it changes). Exit 0 only when every task step passes.
 */
export async function check(session: Session, ref: string | undefined, options: CheckOptions): Promise<void> {
  if (options.command && options.command.length > 0) {
    if (ref === undefined) {
      throw new TutorError("check -- needs the lesson the command works on.", "Name it first: docker-tutor check 4 -- bash lab4.sh.");
    }
    const { checkWatched } = await import("../check-watched.js");
    const { grade, end, docker } = await checkWatched(session, ref, options.command, options);
    report(session, [grade], [await lesson(session, ref)], ref, options, docker, { command: options.command, end });
    return;
  }
  // The daemon is asked while the lessons load; a lesson that does not load is still said first.
  const connecting = connect(session);
  connecting.catch(() => undefined);
  const entries = ref === undefined ? await catalog(session) : [await lesson(session, ref)];
  const { client, engine } = await connecting;
  // Every lesson is graded at once (each mostly waits on the daemon), on one clock, and a read
  // several ask at the same moment is asked once (the clock's measure is the info asked here).
  const shared = withSharedReads(client);
  const daemonClock = new DaemonClock(shared, session.now);
  const [info, lookAt] = await Promise.all([shared.info(), daemonClock.latestNow()]);
  // One lesson named: one it cannot run at all is refused; all lessons: each is graded as it stands.
  if (ref !== undefined) for (const entry of entries) refuseMisfit(daemonKind(engine, info), entry.lesson);
  const store = progressStore(session);
  // the report keeps the lessons' order
  const grades: LessonGrade[] = await Promise.all(
    entries.map(async (entry) => {
      const index = ref === undefined ? undefined : stepIndex(entry, options.step);
      const record = new LessonRecord(store, entry.lesson.id, session.now);
      const run = await LessonRun.open({ client: shared, entry, record, snapshot: "recorded", now: session.now, daemonClock, lookAt });
      return run.grade({ ...(index === undefined ? {} : { stepIndex: index }), live: options.live === true });
    }),
  );
  report(session, grades, entries, ref, options, `${daemonKind(engine, info).name} (API ${engine.negotiatedApiVersion})`);
}

/** The grades as asked (JSON, JUnit, the terminal's words); exit 1 unless every task step passes. */
function report(
  session: Session,
  grades: readonly LessonGrade[],
  /** The graded lessons, in the grades' order (Classroom 50 reads their points). */
  entries: readonly CatalogEntry[],
  ref: string | undefined,
  options: CheckOptions,
  /** The daemon, in words, for the Markdown report. */
  docker: string,
  ran?: { readonly command: readonly string[]; readonly end: CommandEnd },
): void {
  if (options.report) writeFileSync(options.report, gradeMarkdown(grades, { docker, at: session.now() }));
  if (options.classroom50) writeClassroom50(session, options.classroom50, grades, entries);
  if (options.junit) writeFileSync(options.junit, gradeJunit(grades, session.now()));
  if (options.json) {
    const shape = grades.map((g) => ({ ...gradeJson(g), ...(ran ? { command: { argv: ran.command, ...ran.end } } : {}) }));
    session.stdout.write(`${JSON.stringify(ref === undefined ? shape : shape[0], null, 2)}\n`);
  } else {
    for (const grade of grades) session.stdout.write(renderGrade(grade, theme(session), { now: session.now() }));
  }
  if (grades.some((g) => g.passed < g.total)) throw new ExitError(ExitCode.checkFailed);
}

/** The Classroom 50 result file: each task step a test, worth the points its lesson gives it. */
function writeClassroom50(session: Session, file: string, grades: readonly LessonGrade[], entries: readonly CatalogEntry[]): void {
  const graded = grades.map((grade, i) => ({ grade, lesson: (entries[i] as CatalogEntry).lesson }));
  writeFileSync(file, `${JSON.stringify(classroom50Result(graded, session.world.env, session.now()), null, 2)}\n`);
}
