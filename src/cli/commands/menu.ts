import { firstUnfinishedStep } from "../../engine/lesson-engine.js";
import { catalog, progressStore } from "../command-context.js";
import type { Session } from "../session.js";
import { lessonStatus } from "./list.js";

/** No command in a terminal: pick a lesson; Enter on the preselected one resumes where you stopped. */
export async function menu(session: Session): Promise<void> {
  const entries = catalog(session);
  const data = progressStore(session).load();
  const rows = entries.map((e) => {
    const progress = data.lessons[e.lesson.id];
    const status = lessonStatus(e.lesson.steps, progress);
    const at = firstUnfinishedStep(e.lesson, progress?.steps ?? {});
    const note =
      status === "done"
        ? "done"
        : status === "started"
          ? `resume at step ${at + 1} of ${e.lesson.steps.length}`
          : `~${e.lesson.minutes} min`;
    return { entry: e, status, label: `${e.lesson.number}. ${e.lesson.title}  (${note})` };
  });
  const resume = rows.find((r) => r.status === "started") ?? rows.find((r) => r.status === "new") ?? rows[0];
  const { select } = await import("@inquirer/prompts");
  const picked = await select(
    {
      message: "Which lesson?",
      choices: rows.map((r) => ({ name: r.label, value: r.entry.lesson.slug })),
      default: resume?.entry.lesson.slug,
    },
    { input: session.stdin, output: session.stdout },
  );
  const { lesson } = await import("./lesson.js");
  await lesson(session, picked, {});
}
