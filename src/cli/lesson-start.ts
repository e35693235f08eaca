import type { Connection } from "../docker/connect.js";
import { type DaemonKind, daemonKind } from "../docker/daemon-kind.js";
import { lessonMisfit } from "../engine/daemon-fit.js";
import { LessonRecord } from "../engine/lesson-record.js";
import { LessonRun } from "../engine/lesson-run.js";
import { foreignNameClashes, renameAdvice } from "../engine/name-clashes.js";
import { readDaemonObjects } from "../engine/ownership.js";
import { lessonFolder } from "../engine/workspace.js";
import { TutorError } from "../errors.js";
import type { CatalogEntry } from "../lessons/catalog.js";
import type { Lesson } from "../lessons/schema.js";
import { connect, lesson, progressStore } from "./command-context.js";
import { settlePorts } from "./lesson-ports.js";
import type { Session } from "./session.js";

/** A lesson about to run for the learner (lesson, solve): its ports settled, the names others hold found. */
export interface LessonStart {
  readonly connection: Connection;
  readonly entry: CatalogEntry;
  /** Names the lesson uses that something not of the lesson already has ("network web-net"). */
  readonly clashes: readonly string[];
  /** `--var name=value-2` for each clash a variable can step around. */
  readonly advice: readonly string[];
  /** Opens the run: its snapshot is taken at the lesson's first start, its files copied into the workspace. */
  open(workdir: string | undefined): Promise<{ run: LessonRun; folder: { dir: string; made: boolean } }>;
}

export async function startLesson(session: Session, ref: string): Promise<LessonStart> {
  const found = await lesson(session, ref);
  const connection = await connect(session);
  const { client } = connection;
  // One /info serves the refusal and the port choice (Podman takes seconds to answer it).
  const info = await client.info();
  refuseMisfit(daemonKind(client.engine, info), found.lesson);
  // One read of the daemon serves both looks before the lesson: ports others hold, names others have.
  const objects = await readDaemonObjects(client);
  const entry = await settlePorts(session, found, client, objects, info);
  const record = new LessonRecord(progressStore(session), entry.lesson.id, session.now);
  const clashes = foreignNameClashes(entry.lesson, record.made, objects);
  return {
    connection,
    entry,
    clashes,
    advice: renameAdvice(clashes, entry.variables),
    open: async (workdir) => {
      const folder = lessonFolder(entry, process.cwd(), workdir);
      const run = await LessonRun.open({ client, entry, record, snapshot: "record", workspace: folder.dir, now: session.now });
      // Where its files are: `reset` restores them there, wherever it is run from.
      if (folder.made) record.keepWorkspace(folder.dir);
      return { run, folder };
    },
  };
}

/** Before anything is made or recorded: a lesson this daemon cannot run at all stops here, in one sentence. */
export function refuseMisfit(kind: DaemonKind, lesson: Lesson): void {
  const misfit = lessonMisfit(lesson, kind);
  if (misfit) throw new TutorError(misfit.why, misfit.fix);
}

/** "network web-net already exists" / "container a, network b already exist", with the pronoun that fits. */
export function clashWords(clashes: readonly string[]): { names: string; exist: string; isAre: string; itThem: string; thatThose: string } {
  const one = clashes.length === 1;
  return {
    names: clashes.join(", "),
    exist: one ? "exists" : "exist",
    isAre: one ? "is" : "are",
    itThem: one ? "it" : "them",
    thatThose: one ? "that name" : "those names",
  };
}
