import { existsSync } from "node:fs";
import { delimiter, isAbsolute, join, relative } from "node:path";
import { openLessonSession } from "../../engine/lesson-session.js";
import { foreignNameClashes, renameAdvice } from "../../engine/name-clashes.js";
import { readDaemonObjects } from "../../engine/ownership.js";
import { runSolution } from "../../engine/solution-runner.js";
import { lessonFolder } from "../../engine/workspace.js";
import { playgroundFor } from "../../env/playground-nodes.js";
import { ExitCode, ExitError, TutorError } from "../../errors.js";
import type { Quiz } from "../../lessons/schema.js";
import { LessonScreen } from "../../ui/lesson-screen.js";
import { createMarkdownRenderer } from "../../ui/markdown.js";
import { connect, lesson as findLesson, progressStore, stepIndex, theme } from "../command-context.js";
import { onInterrupt } from "../interrupts.js";
import { leftoversReport } from "../leftovers.js";
import { settlePorts } from "../lesson-ports.js";
import { missingImageTip } from "../missing-image.js";
import type { Session } from "../session.js";

/** The interactive lesson: the engine fed by the daemon's events, shown in this terminal. */
export async function lesson(
  session: Session,
  ref: string,
  options: { step?: string; interpreter?: boolean; workdir?: string },
): Promise<void> {
  if (!session.interactive) {
    throw new TutorError(
      "The interactive lesson needs a terminal, and this is not one.",
      `Use \`docker-tutor check ${ref}\` to grade, \`docker-tutor hint ${ref}\` for hints, or \`docker-tutor test\` in CI.`,
      ExitCode.usage,
    );
  }
  const found = await findLesson(session, ref);
  const [connection, renderMarkdown] = await Promise.all([
    connect(session),
    createMarkdownRenderer(session.stdout.columns || 80, session.color),
  ]);
  const store = progressStore(session);
  const screen: { current?: LessonScreen } = {};
  const { client } = connection;
  // One read of the daemon serves both looks before the lesson: ports others hold, names others have.
  const objects = await readDaemonObjects(client);
  const entry = await settlePorts(session, found, client, objects);
  const clashes = foreignNameClashes(entry.lesson, store.lesson(entry.lesson.id)?.snapshot, objects);
  if (clashes.length > 0) {
    const advice = renameAdvice(clashes, entry.variables);
    session.stdout.write(
      `${theme(session).warn} ${clashes.join(", ")} already exist${clashes.length === 1 ? "s" : ""} and ${clashes.length === 1 ? "is" : "are"} not this lesson's; the lesson's commands use ${clashes.length === 1 ? "that name" : "those names"}. ${advice.length > 0 ? `To keep yours apart: docker-tutor lesson ${entry.lesson.number} ${advice.join(" ")}` : "Remove or rename yours first"}; reset never removes ${clashes.length === 1 ? "it" : "them"}.\n`,
    );
  }
  const folder = lessonFolder(entry, process.cwd(), options.workdir);
  const io = { stdout: session.stdout, stderr: session.stderr, cwd: folder.dir, env: session.world.env };
  const useInterpreter = options.interpreter === true || !dockerCliInstalled(session.world.env.PATH ?? "");
  const reset = `docker-tutor reset ${entry.lesson.number}`;
  const nodes = playgroundFor(client, entry.lesson);
  // Leaving cuts whatever the tutor itself is running for the learner (a solution's pull or build).
  const leaving = new AbortController();
  let leftBy: "ctrl-c" | "key" | undefined;
  const atOnce = () =>
    `Stopped at once. Your progress is saved (it is written after every step); what the lesson made stays on the daemon, and ${reset} removes it, and only it.`;
  const lessonSession = await openLessonSession({
    client: connection.client,
    entry,
    progress: store,
    emit: (output) => void screen.current?.show(output),
    now: session.now,
    startIndex: stepIndex(entry, options.step),
    runSolution: async (step) => {
      await runSolution(step, client, folder.dir, {
        ...io,
        ...(nodes ? { nodes } : {}),
        signal: leaving.signal,
        announce: (what) => session.stdout.write(`${what}\n`),
      });
    },
  });
  screen.current = new LessonScreen({
    stdin: session.stdin,
    stdout: session.stdout,
    theme: theme(session),
    lessonTitle: entry.lesson.title,
    lessonNumber: entry.lesson.number,
    cwd: folder.dir,
    ...(folder.made ? { workspace: relativeOrAbsolute(folder.dir) } : {}),
    renderMarkdown,
    dispatch: (event) => lessonSession.engine.dispatch(event),
    ask: (quiz) => askQuiz(quiz, session),
    ...(useInterpreter ? { interpreter: (line: string, signal: AbortSignal) => client.runCommand(line, { ...io, signal }) } : {}),
    afterFailure: (line: string) => missingImageTip(line, client, { vars: session.world.env, cwd: folder.dir }),
    leave: (how) => {
      if (leftBy) return;
      leftBy = how;
      leaving.abort();
      lessonSession.engine.dispatch({ type: "key", key: "quit" });
    },
    atOnce,
  });
  screen.current.open();
  lessonSession.start();
  try {
    await lessonSession.engine.ended;
  } finally {
    screen.current.close();
  }
  // No prompt owns the terminal now: a Ctrl-C while leaving is the process's, and ends it at once.
  const stopListening = onInterrupt({ atOnce, stderr: session.stdout });
  try {
    await lessonSession.close();
    session.stdout.write(await leftoversReport(client, entry, store.lesson(entry.lesson.id)?.snapshot, theme(session)));
  } finally {
    stopListening();
  }
  if (leftBy === "ctrl-c") throw new ExitError(ExitCode.interrupted);
}

/** `docker-tutor-labs/bind-mounts` when it is below the current folder, else the full path. */
function relativeOrAbsolute(dir: string): string {
  const rel = relative(process.cwd(), dir);
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? dir : rel;
}

function dockerCliInstalled(path: string): boolean {
  return path.split(delimiter).some((dir) => dir !== "" && existsSync(join(dir, process.platform === "win32" ? "docker.exe" : "docker")));
}

async function askQuiz(quiz: Quiz, session: Session): Promise<string> {
  const { input, select } = await import("@inquirer/prompts");
  const io = { input: session.stdin, output: session.stdout };
  if (quiz.type === "select") {
    return select({ message: quiz.question, choices: (quiz.choices ?? []).map((c) => ({ name: c, value: c })) }, io);
  }
  return input({ message: quiz.question }, io);
}
