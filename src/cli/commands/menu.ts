import { pickOne } from "../../ui/prompts.js";
import { lessonSummaries, progressStore } from "../command-context.js";
import type { Session } from "../session.js";
import { lessonStatus } from "./list.js";

/** No command in a terminal: pick a lesson; Enter on the preselected one resumes where you stopped. */
export async function menu(session: Session): Promise<void> {
  const summaries = await lessonSummaries(session);
  const data = progressStore(session).load();
  const rows = summaries.map((l) => {
    const progress = data.lessons[l.id];
    const status = lessonStatus(l.stepIds, progress);
    const at = l.stepIds.findIndex((id) => progress?.steps[id] === undefined);
    const note =
      status === "done" ? "done" : status === "started" ? `resume at step ${at + 1} of ${l.stepIds.length}` : `~${l.minutes} min`;
    return { slug: l.slug, status, label: `${l.number}. ${l.title}  (${note})` };
  });
  const resume = rows.find((r) => r.status === "started") ?? rows.find((r) => r.status === "new") ?? rows[0];
  const picked = await pickOne(
    "Which lesson?",
    rows.map((r) => ({ name: r.label, value: r.slug })),
    resume?.slug,
    { input: session.stdin, output: session.stdout },
  );
  const { lesson } = await import("./lesson.js");
  await lesson(session, picked, {});
}
