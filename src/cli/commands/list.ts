import type { LessonProgress } from "../../progress/store.js";
import { catalog, progressStore, theme } from "../command-context.js";
import type { Session } from "../session.js";

type Status = "new" | "started" | "done";

export function lessonStatus(steps: readonly { id: string }[], progress: LessonProgress | undefined): Status {
  if (!progress) return "new";
  return steps.every((s) => progress.steps[s.id] !== undefined) ? "done" : "started";
}

export async function list(session: Session, options: { json: boolean }): Promise<void> {
  const entries = catalog(session);
  const data = progressStore(session).load();
  const rows = entries.map((e) => ({
    number: e.lesson.number,
    id: e.lesson.id,
    slug: e.lesson.slug,
    title: e.lesson.title,
    minutes: e.lesson.minutes,
    status: lessonStatus(e.lesson.steps, data.lessons[e.lesson.id]),
    source: e.source,
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
