import type { LessonProgress } from "../../progress/store.js";
import { lessonSummaries, progressStore, theme } from "../command-context.js";
import type { Session } from "../session.js";

type Status = "new" | "started" | "done";

export function lessonStatus(stepIds: readonly string[], progress: LessonProgress | undefined): Status {
  if (!progress) return "new";
  return stepIds.every((id) => progress.steps[id] !== undefined) ? "done" : "started";
}

export async function list(session: Session, options: { json: boolean }): Promise<void> {
  const summaries = await lessonSummaries(session);
  const data = progressStore(session).load();
  const rows = summaries.map((l) => ({
    number: l.number,
    id: l.id,
    slug: l.slug,
    title: l.title,
    minutes: l.minutes,
    status: lessonStatus(l.stepIds, data.lessons[l.id]),
    source: l.source,
  }));
  if (options.json) {
    session.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  const t = theme(session);
  const mark: Record<Status, string> = { new: " ", started: t.yellow("…"), done: t.ok };
  for (const row of rows) {
    const from = row.source === "built-in" ? "" : t.dim(`  (${row.source})`);
    session.stdout.write(
      `${mark[row.status]} ${String(row.number).padStart(2)}  ${row.slug.padEnd(14)} ${row.title} ${t.dim(`~${row.minutes} min`)}${from}\n`,
    );
  }
  if (rows.length > 0)
    session.stdout.write(t.dim(`\nStart one with: docker-tutor lesson ${rows.find((r) => r.status !== "done")?.number ?? 1}\n`));
}
