import { gradeLesson } from "../../engine/grade.js";
import { firstUnfinishedStep } from "../../engine/lesson-engine.js";
import { lessonEntry } from "../../progress/store.js";
import { renderResults } from "../../ui/check-results.js";
import { withCode } from "../../ui/theme.js";
import { connect, lesson, progressStore, stepIndex, theme } from "../command-context.js";
import type { Session } from "../session.js";

/** The next hint for a step (progressive); past the last one, what the daemon shows right now. */
export async function hint(session: Session, ref: string, stepRef: string | undefined): Promise<void> {
  const entry = await lesson(session, ref);
  const store = progressStore(session);
  const progress = store.lesson(entry.lesson.id);
  const index =
    stepIndex(entry, stepRef) ?? Math.min(firstUnfinishedStep(entry.lesson, progress?.steps ?? {}), entry.lesson.steps.length - 1);
  const step = entry.lesson.steps[index];
  if (!step) return;
  const t = theme(session);
  const used = progress?.hints[step.id] ?? 0;
  session.stdout.write(t.dim(`Lesson ${entry.lesson.number}, step ${index + 1}: ${step.title}\n`));
  if (used < step.hints.length) {
    store.update((data) => {
      lessonEntry(data, entry.lesson.id, session.now()).hints[step.id] = used + 1;
    });
    session.stdout.write(`${t.yellow(`Hint ${used + 1}/${step.hints.length}:`)} ${withCode(t, step.hints[used] ?? "")}\n`);
    return;
  }
  const { client } = await connect(session);
  const grade = await gradeLesson(client, entry, progress, { stepIndex: index, now: session.now });
  session.stdout.write(`No more hints; here is what the daemon shows now:\n${renderResults(grade.steps[0]?.checks ?? [], t)}`);
}
