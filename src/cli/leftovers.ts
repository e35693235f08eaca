import type { LessonRun } from "../engine/lesson-run.js";
import { describeOwned } from "../engine/ownership.js";
import { playgroundNodes } from "../env/playground-host.js";
import type { Theme } from "../ui/theme.js";
import { withinTime } from "../within-time.js";

/** How long leaving waits for the daemon to say what is there; a daemon that hangs must not hold the learner. */
const LOOK_MS = 4000;

/**
 * What a lesson made that is still on the daemon, and the one command that removes it and only it:
 * said when a lesson ends (finished or left) or a solve stops early. Reads the daemon; if it does
 * not answer in time, says what to run anyway.
 */
export async function leftoversReport(run: LessonRun, t: Theme, lookMs = LOOK_MS): Promise<string> {
  const reset = `docker-tutor reset ${run.lesson.number}`;
  // No record of what the lesson made (progress from before one was kept, nothing made since): nothing to say.
  if (!run.snapshot || !run.made) return "";
  const owned = await withinTime(run.owned(), lookMs);
  if (!owned)
    return `${t.dim(`What the lesson made stays on the daemon (it did not answer in time to list it); ${reset} removes it, and only it.`)}\n`;
  const items = describeOwned(owned);
  const playground = await playgroundLine(run, t);
  if (items.length === 0) return `${t.dim("Nothing the lesson made is on the daemon now.")}\n${playground}`;
  return (
    `What the lesson made is still on the daemon:\n${items.map((item) => `  - ${item}\n`).join("")}` +
    `${t.dim("To remove it, and only it:")} ${t.code(reset)}\n${playground}`
  );
}

/** The playground the lesson's nodes run on stays until `env down`: say so when it is up. */
async function playgroundLine(run: LessonRun, t: Theme): Promise<string> {
  if (!run.nodes) return "";
  const name = run.nodes.name;
  const nodes = await playgroundNodes(run.client.playground(), name).catch(() => []);
  if (nodes.length === 0) return "";
  return `${t.dim(`The playground ${name} stays, with what is on its nodes; to remove it:`)} ${t.code(`docker-tutor env down${name === "play" ? "" : ` --name ${name}`}`)}\n`;
}
