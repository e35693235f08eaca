import { firstUnfinishedStep } from "../../engine/lesson-engine.js";
import { LessonRecord } from "../../engine/lesson-record.js";
import { LessonRun } from "../../engine/lesson-run.js";
import { renderResults } from "../../ui/check-results.js";
import { withCode } from "../../ui/theme.js";
import { connect, lesson, progressStore, stepIndex, theme } from "../command-context.js";
import type { Session } from "../session.js";

/** The next hint for a step (progressive); past the last one, what the daemon shows right now. */
export async function hint(session: Session, ref: string, stepRef: string | undefined): Promise<void> {
  const entry = await lesson(session, ref);
  const record = new LessonRecord(progressStore(session), entry.lesson.id, session.now);
  const progress = record.read();
  const index =
    stepIndex(entry, stepRef) ?? Math.min(firstUnfinishedStep(entry.lesson, progress?.steps ?? {}), entry.lesson.steps.length - 1);
  const step = entry.lesson.steps[index];
  if (!step) return;
  const t = theme(session);
  const used = progress?.hints[step.id] ?? 0;
  session.stdout.write(t.dim(`Lesson ${entry.lesson.number}, step ${index + 1}: ${step.title}\n`));
  if (used < step.hints.length) {
    record.useHint(step.id);
    session.stdout.write(`${t.yellow(`Hint ${used + 1}/${step.hints.length}:`)} ${withCode(t, step.hints[used] ?? "")}\n`);
    return;
  }
  const { client } = await connect(session);
  const run = await LessonRun.open({ client, entry, record, snapshot: "recorded", now: session.now });
  session.stdout.write(`No more hints; here is what the daemon shows now:\n${renderResults(await run.evaluate(step), t)}`);
}
