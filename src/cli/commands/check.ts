import { writeFileSync } from "node:fs";
import { daemonKind } from "../../docker/daemon-kind.js";
import type { LessonGrade } from "../../engine/grade.js";
import { LessonRecord } from "../../engine/lesson-record.js";
import { LessonRun } from "../../engine/lesson-run.js";
import { ExitCode, ExitError } from "../../errors.js";
import { classroom50Result } from "../../grading/classroom50.js";
import type { CatalogEntry } from "../../lessons/catalog.js";
import { gradeJunit, gradeMarkdown } from "../../ui/grade-files.js";
import { renderGrade } from "../../ui/grade-report.js";
import { catalog, connect, lesson, progressStore, stepIndex, theme } from "../command-context.js";
import { refuseMisfit } from "../lesson-start.js";
import type { Session } from "../session.js";

/** Grades the daemon's current state; reads only. Exit 0 only when every task step passes. */
export async function check(
  session: Session,
  ref: string | undefined,
  options: { step?: string; json: boolean; junit?: string; report?: string; classroom50?: string },
): Promise<void> {
  const entries = ref === undefined ? await catalog(session) : [await lesson(session, ref)];
  const { client, engine } = await connect(session);
  const info = await client.info();
  // One lesson named: one it cannot run at all is refused; all lessons: each is graded as it stands.
  if (ref !== undefined) for (const entry of entries) refuseMisfit(daemonKind(engine, info), entry.lesson);
  const store = progressStore(session);
  const grades: LessonGrade[] = [];
  for (const entry of entries) {
    const index = ref === undefined ? undefined : stepIndex(entry, options.step);
    const record = new LessonRecord(store, entry.lesson.id, session.now);
    const run = await LessonRun.open({ client, entry, record, snapshot: "recorded", now: session.now });
    grades.push(await run.grade({ ...(index === undefined ? {} : { stepIndex: index }) }));
  }
  if (options.classroom50) writeClassroom50(session, options.classroom50, grades, entries);
  if (options.junit) writeFileSync(options.junit, gradeJunit(grades, session.now()));
  if (options.report) {
    writeFileSync(
      options.report,
      gradeMarkdown(grades, { docker: `${daemonKind(engine, info).name} (API ${engine.negotiatedApiVersion})`, at: session.now() }),
    );
  }
  if (options.json) {
    const shape = grades.map(({ lesson: l, steps, passed, total, hintsUsed, timeTakenMs }) => ({
      lesson: { number: l.number, id: l.id, slug: l.slug },
      steps: steps.map(({ id, title, kind, pass, checks, hintsUsed: hints }) => ({ id, title, kind, pass, checks, hintsUsed: hints })),
      passed,
      total,
      hintsUsed,
      ...(timeTakenMs === undefined ? {} : { timeTakenMs }),
    }));
    session.stdout.write(`${JSON.stringify(ref === undefined ? shape : shape[0], null, 2)}\n`);
  } else {
    for (const grade of grades) session.stdout.write(renderGrade(grade, theme(session)));
  }
  if (grades.some((g) => g.passed < g.total)) throw new ExitError(ExitCode.checkFailed);
}

/** The Classroom 50 result file: each task step a test, worth the points its lesson gives it. */
function writeClassroom50(session: Session, file: string, grades: readonly LessonGrade[], entries: readonly CatalogEntry[]): void {
  const graded = grades.map((grade, i) => ({ grade, lesson: (entries[i] as CatalogEntry).lesson }));
  writeFileSync(file, `${JSON.stringify(classroom50Result(graded, session.world.env, session.now()), null, 2)}\n`);
}
