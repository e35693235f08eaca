import { firstUnfinishedStep } from "../../engine/lesson-engine.js";
import { LessonRecord } from "../../engine/lesson-record.js";
import { LessonRun } from "../../engine/lesson-run.js";
import { wrappedResults } from "../../ui/check-results.js";
import { createTextRenderer } from "../../ui/text-renderer.js";
import { hanging } from "../../ui/wrap.js";
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
  // The hint is Markdown, wrapped to the terminal as the lesson's prompt shows it.
  const text = createTextRenderer(() => session.stdout.columns, t);
  const used = progress?.hints[step.id] ?? 0;
  session.stdout.write(text.sentence(t.dim(`Lesson ${entry.lesson.number}, step ${index + 1}: ${step.title}`)));
  if (used < step.hints.length) {
    record.useHint(step.id);
    session.stdout.write(text.markdown(step.hints[used] ?? "", hanging(`${t.yellow(`Hint ${used + 1}/${step.hints.length}:`)} `)));
    return;
  }
  const { client } = await connect(session);
  const run = await LessonRun.open({ client, entry, record, snapshot: "recorded", now: session.now });
  session.stdout.write(
    `${text.sentence("No more hints; here is what the daemon shows now:")}${wrappedResults(await run.evaluate(step), text)}`,
  );
}
