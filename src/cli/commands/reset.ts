import { resolve } from "node:path";
import { LessonRecord } from "../../engine/lesson-record.js";
import { LessonRun } from "../../engine/lesson-run.js";
import { leftByRecord, ownedByRecord } from "../../engine/made-record.js";
import { leaveNodeSwarms, lessonStartedNodeSwarm, type NodeInSwarm, nodesInSwarm } from "../../engine/node-swarms.js";
import { describeOwned, NOTHING_OWNED, readDaemonObjects, removeOwned } from "../../engine/ownership.js";
import { refuseForeignFolder, workspaceDir } from "../../engine/workspace.js";
import { restoreFiles, workspaceDrift } from "../../engine/workspace-restore.js";
import { playgroundNodes } from "../../env/playground-host.js";
import { ExitCode, TutorError } from "../../errors.js";
import type { CatalogEntry } from "../../lessons/catalog.js";
import { askYes } from "../../ui/prompts.js";
import type { Theme } from "../../ui/theme.js";
import { catalog, connect, lesson, progressStore, theme } from "../command-context.js";
import type { Session } from "../session.js";

/**
 * Removes exactly what a lesson was seen making while it ran (its record, by id) and forgets its
 * progress; what only matches its names is left, and said.
 */
export async function reset(session: Session, ref: string | undefined, options: { yes: boolean; workdir?: string }): Promise<void> {
  const store = progressStore(session);
  const data = store.load();
  const entries: CatalogEntry[] =
    ref === undefined ? (await catalog(session)).filter((e) => data.lessons[e.lesson.id]) : [await lesson(session, ref)];
  const t = theme(session);
  if (entries.length === 0) {
    session.stdout.write("No lesson has progress to reset.\n");
    return;
  }
  const { client } = await connect(session);
  const now = await readDaemonObjects(client);
  const plans = await Promise.all(
    entries.map(async (entry) => {
      const record = new LessonRecord(store, entry.lesson.id, session.now);
      const run = await LessonRun.open({ client, entry, record, snapshot: "recorded", now: session.now });
      // Without a record we cannot tell the lesson's things from the learner's: remove nothing.
      const owned = run.made ? ownedByRecord(run.made, now) : undefined;
      const left = run.snapshot ? leftByRecord(entry.lesson, run.snapshot, owned ?? NOTHING_OWNED, now) : [];
      // Read before progress is cleared: where the lesson's files were copied.
      const workspace = lessonWorkspace(entry, record.workspace, options.workdir);
      // The swarm the lesson's node steps started on its playground: left, or doing the lesson again fails at `swarm init`.
      const nodeSwarm: NodeInSwarm[] =
        run.nodes && lessonStartedNodeSwarm(entry.lesson, record.passes()) ? await nodesInSwarm(run.nodes) : [];
      return { run, owned, left, workspace, nodeSwarm };
    }),
  );
  const items = plans.flatMap((p) => [
    ...(p.owned ? describeOwned(p.owned) : []),
    ...(p.nodeSwarm.length > 0
      ? [
          `the swarm on the playground's ${p.nodeSwarm.map((n) => n.node).join(" and ")} (the lesson started it; they leave it, and its services and networks go with it)`,
        ]
      : []),
  ]);
  if (items.length > 0) {
    session.stdout.write(
      `This removes what the lesson${entries.length > 1 ? "s" : ""} made, and nothing else:\n${items.map((i) => `  - ${i}\n`).join("")}`,
    );
    if (!(options.yes || session.globals.yes)) await confirm(session);
  }
  for (const { run, owned, left, workspace, nodeSwarm } of plans) {
    const { entry } = run;
    const report = owned ? await removeOwned(client, owned) : { removed: [], kept: [] };
    for (const kept of report.kept) session.stdout.write(`${t.warn} kept ${kept.what}: ${kept.why}\n`);
    const stayed = await leaveNodeSwarms(nodeSwarm);
    for (const { node, why } of stayed) session.stdout.write(`${t.warn} ${node} is still in its swarm: ${why}\n`);
    if (left.length > 0) session.stdout.write(leftWords(run.made !== undefined, left, t));
    run.record?.forget();
    session.stdout.write(
      `${t.ok} Lesson ${entry.lesson.number} (${entry.lesson.slug}) reset: ${report.removed.length + nodeSwarm.length - stayed.length} removed, progress cleared.\n`,
    );
    if (workspace) await restoreWorkspace(session, entry, workspace, options);
    const playground = run.nodes?.name;
    if (playground && (await playgroundNodes(client.playground(), playground)).length > 0) {
      const flag = playground === "play" ? "" : ` --name ${playground}`;
      session.stdout.write(
        t.dim(`The playground ${playground} stays, with what else is on its nodes: docker-tutor env down${flag} removes it.\n`),
      );
    }
  }
}

/** What reset leaves of what matches the lesson's names, and why: it was not seen made while the lesson ran. */
function leftWords(recorded: boolean, left: readonly string[], t: Theme): string {
  const why = recorded
    ? "These match the lesson's names but were not made while it ran, so they are left as they are"
    : "This lesson's progress is from a docker-tutor that kept no record of what a lesson makes, so nothing of it is removed; these match its names and are left";
  const list = left.map((item) => `  - ${item}\n`).join("");
  return `${t.warn} ${why} (remove any you do not want yourself):\n${list}`;
}

/** The lesson's workspace: given with --workdir, else as progress recorded it, else the default one; none for a lesson without files. */
function lessonWorkspace(entry: CatalogEntry, recorded: string | undefined, workdir: string | undefined): string | undefined {
  if (entry.lesson.assets.length === 0) return undefined;
  return workdir ? resolve(workdir) : (recorded ?? workspaceDir(process.cwd(), entry.lesson.slug, undefined));
}

/**
 * Puts the lesson's files back (issue 18: a redo starts clean). Missing ones are copied back
 * without asking; ones the learner changed only after a yes (--yes, or asked in a terminal);
 * without either, they stay and the way to restore them is said.
 */
async function restoreWorkspace(session: Session, entry: CatalogEntry, dir: string, options: { yes: boolean }): Promise<void> {
  const t = theme(session);
  const { missing, changed } = workspaceDrift(entry, dir);
  if (missing.length + changed.length === 0) return;
  // Another user's folder could swap files under the tutor's writes: the lesson refuses to work there, and so does reset.
  refuseForeignFolder(dir, process.getuid?.());
  const list = (paths: readonly string[]) => paths.join(", ");
  const yes = options.yes || session.globals.yes;
  const restoreChanged =
    changed.length > 0 &&
    (yes ||
      (session.interactive &&
        (await askYes(`You changed ${list(changed)} in ${dir}. Put the lesson's version back (your changes are lost)?`))));
  const restored = [...missing, ...(restoreChanged ? changed : [])];
  restoreFiles(entry, dir, restored);
  if (restored.length > 0) session.stdout.write(`${t.ok} Restored the lesson's ${list(restored)} in ${dir}.\n`);
  if (changed.length > 0 && !restoreChanged) {
    const again = `docker-tutor reset ${entry.lesson.number} --yes --workdir ${dir}`;
    session.stdout.write(
      `${t.warn} Left ${list(changed)} in ${dir} as you changed ${changed.length === 1 ? "it" : "them"}; doing the lesson again uses ${changed.length === 1 ? "it" : "them"} as ${changed.length === 1 ? "it is" : "they are"}. Restore the lesson's version with: ${again}\n`,
    );
  }
}

async function confirm(session: Session): Promise<void> {
  if (!session.interactive) {
    throw new TutorError(
      "reset needs a yes before it removes anything, and there is no terminal to ask.",
      "Run it again with --yes.",
      ExitCode.usage,
    );
  }
  const yes = await askYes("Remove them?");
  if (!yes) throw new TutorError("Nothing was removed.", "Run reset again when you are ready, or with --yes.", ExitCode.usage);
}
