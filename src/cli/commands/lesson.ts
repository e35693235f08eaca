import { existsSync } from "node:fs";
import { delimiter, isAbsolute, join, relative } from "node:path";
import { ExitCode, ExitError, TutorError } from "../../errors.js";
import { learnerShell } from "../../shells/learner-shell.js";
import { LessonScreen } from "../../ui/lesson-screen.js";
import { createTextRenderer } from "../../ui/text-renderer.js";
import { hanging } from "../../ui/wrap.js";
import { helpAfterFailure } from "../after-failure.js";
import { stepIndex, theme } from "../command-context.js";
import { interruptHandler, onInterrupt } from "../interrupts.js";
import { leftoversReport } from "../leftovers.js";
import { clashWords, startLesson } from "../lesson-start.js";
import type { Session } from "../session.js";
import { runTypedCommand } from "../typed-command.js";

/** The interactive lesson: the lesson's run, fed by the daemon's events, shown in this terminal. */
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
  const start = await startLesson(session, ref);
  const { entry } = start;
  const t = theme(session);
  // Read at each print: the learner may resize the terminal while the lesson runs.
  const text = createTextRenderer(() => session.stdout.columns, t);
  if (start.clashes.length > 0) {
    const w = clashWords(start.clashes);
    session.stdout.write(
      text.sentence(
        `${w.names} already ${w.exist} and ${w.isAre} not this lesson's; the lesson's commands use ${w.thatThose}. ${start.advice.length > 0 ? `To keep yours apart: docker-tutor lesson ${entry.lesson.number} ${start.advice.join(" ")}` : "Remove or rename yours first"}; reset never removes ${w.itThem}.`,
        hanging(`${t.warn} `),
      ),
    );
  }
  const { run, folder } = await start.open(options.workdir);
  const { client } = run;
  const io = { stdout: session.stdout, stderr: session.stderr, cwd: folder.dir, env: session.world.env };
  const useInterpreter = options.interpreter === true || !dockerCliInstalled(session.world.env.PATH ?? "");
  const reset = `docker-tutor reset ${entry.lesson.number}`;
  // Leaving cuts whatever the tutor itself is running for the learner (a solution's pull or build).
  const leaving = new AbortController();
  let leftBy: "ctrl-c" | "key" | undefined;
  const atOnce = () =>
    text
      .sentence(
        `Stopped at once. Your progress is saved (it is written after every step); what the lesson made stays on the daemon, and ${reset} removes it, and only it.`,
      )
      .trimEnd();
  const screen: { current?: LessonScreen } = {};
  const watch = run.watch({
    emit: (output) => screen.current?.show(output),
    startIndex: stepIndex(entry, options.step),
    runSolution: async (step) => {
      // Not `io`: a solution sees none of the learner's environment (solution-runner.ts).
      await run.runSolution(step, {
        stdout: session.stdout,
        stderr: session.stderr,
        signal: leaving.signal,
        announce: (what) => screen.current?.note(what),
      });
    },
  });
  const leave = (how: "ctrl-c" | "key") => {
    if (leftBy) return;
    leftBy = how;
    leaving.abort();
    watch.engine.dispatch({ type: "key", key: "quit" });
  };
  screen.current = new LessonScreen({
    stdin: session.stdin,
    stdout: session.stdout,
    text,
    lessonTitle: entry.lesson.title,
    lessonNumber: entry.lesson.number,
    ...(folder.made ? { workspace: relativeOrAbsolute(folder.dir) } : {}),
    learnerShell: learnerShell(session.world.platform, session.world.env),
    dispatch: (event) => watch.engine.dispatch(event),
    runCommand: (line) =>
      runTypedCommand(line, {
        cwd: folder.dir,
        env: session.world.env,
        stderr: session.stdout,
        ...(useInterpreter ? { interpreter: (typed: string, signal: AbortSignal) => client.runCommand(typed, { ...io, signal }) } : {}),
      }),
    afterFailure: (line: string) => helpAfterFailure(line, run, { vars: session.world.env, cwd: folder.dir }),
    quit: () => leave("key"),
    // The prompt owns the terminal: the first Ctrl-C leaves the lesson tidily, a second at once.
    interrupted: interruptHandler({ first: () => leave("ctrl-c"), atOnce, stderr: session.stdout }),
  });
  screen.current.open();
  // A person reads each done step before the next one: the lesson waits for Enter.
  watch.engine.pauseAfterEachStep();
  watch.start();
  try {
    await watch.engine.ended;
  } finally {
    screen.current.close();
  }
  // No prompt owns the terminal now: a Ctrl-C while leaving is the process's, and ends it at once.
  const stopListening = onInterrupt({ atOnce, stderr: session.stdout });
  try {
    await watch.close();
    session.stdout.write(await leftoversReport(run, t));
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
