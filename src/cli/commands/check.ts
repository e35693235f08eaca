import { gradeLesson, type LessonGrade } from "../../engine/grade.js";
import { ExitCode, ExitError } from "../../errors.js";
import { renderGrade } from "../../ui/grade-report.js";
import { catalog, connect, lesson, progressStore, stepIndex, theme } from "../command-context.js";
import type { Session } from "../session.js";

/** Grades the daemon's current state; reads only. Exit 0 only when every task step passes. */
export async function check(session: Session, ref: string | undefined, options: { step?: string; json: boolean }): Promise<void> {
  const entries = ref === undefined ? await catalog(session) : [await lesson(session, ref)];
  const { client } = await connect(session);
  const data = progressStore(session).load();
  const grades: LessonGrade[] = [];
  for (const entry of entries) {
    const index = ref === undefined ? undefined : stepIndex(entry, options.step);
    grades.push(await gradeLesson(client, entry, data.lessons[entry.lesson.id], { stepIndex: index, now: session.now }));
  }
  if (options.json) {
    const shape = grades.map(({ lesson: l, steps, passed, total }) => ({
      lesson: { number: l.number, id: l.id, slug: l.slug },
      steps: steps.map(({ id, title, kind, pass, checks }) => ({ id, title, kind, pass, checks })),
      passed,
      total,
    }));
    session.stdout.write(`${JSON.stringify(ref === undefined ? shape : shape[0], null, 2)}\n`);
  } else {
    for (const grade of grades) session.stdout.write(renderGrade(grade, theme(session)));
  }
  if (grades.some((g) => g.passed < g.total)) throw new ExitError(ExitCode.checkFailed);
}
