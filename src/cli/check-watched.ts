import { daemonKind } from "../docker/daemon-kind.js";
import type { LessonGrade } from "../engine/grade.js";
import { createTextRenderer } from "../ui/text-renderer.js";
import { hanging } from "../ui/wrap.js";
import { stepIndex, theme } from "./command-context.js";
import { onInterrupt } from "./interrupts.js";
import { clashWords, startLesson } from "./lesson-start.js";
import type { Session } from "./session.js";
import { type CommandEnd, commandEndWords, runLearnerCommand } from "./watched-command.js";

/**
 * `check <lesson> -- <command…>`: the lesson starts as `lesson` starts it (its snapshot, its files
 * in the workspace), the command runs there while the tutor follows the daemon and records each
 * step as it passes, then the lesson is graded as `check` grades it. How a course grades a
 * student's script in CI, and how a learner grades work done in another terminal.
 */
export async function checkWatched(
  session: Session,
  ref: string,
  command: readonly string[],
  options: { readonly step?: string; readonly live?: boolean; readonly json: boolean; readonly workdir?: string },
): Promise<{ grade: LessonGrade; end: CommandEnd; docker: string }> {
  const t = theme(session);
  // The tutor's words go to stderr while the command runs: stdout is the command's (and, with --json, the grade's).
  const say = session.stderr;
  const text = createTextRenderer(() => say.columns, t);
  const start = await startLesson(session, ref);
  const { entry, connection } = start;
  const index = stepIndex(entry, options.step);
  if (start.clashes.length > 0) {
    const w = clashWords(start.clashes);
    say.write(
      text.sentence(
        `${w.names} already ${w.exist} and ${w.isAre} not this lesson's: a command that makes ${w.thatThose} may fail. ${start.advice.length > 0 ? `To keep yours apart: docker-tutor ${start.advice.join(" ")} check ${entry.lesson.number} -- …` : "Remove or rename yours first"}.`,
        hanging(`${t.warn} `),
      ),
    );
  }
  const { run, folder } = await start.open(options.workdir);
  const line = command.join(" ");
  say.write(
    text.sentence(
      `Watching the daemon while \`${line}\` runs${folder.made ? ` in ${folder.dir}` : ""}: each step of lesson ${entry.lesson.number} is recorded as it passes.`,
    ),
  );
  const watch = await run.watchEveryStep({
    passed: (step) => say.write(`${t.ok} ${t.dim("seen passing:")} ${step.title}\n`),
    warn: (message) => say.write(`${t.warn} ${message}\n`),
  });
  // The command gets the Ctrl-C too (it runs in the terminal's foreground); the tutor waits for it, then grades what it did.
  const stopListening = onInterrupt({
    first: () => say.write(`\n${t.warn} Stopping the command; what it did is graded next (Ctrl-C again leaves at once).\n`),
    atOnce: () => `Stopped at once. What the command made stays on the daemon: docker-tutor reset ${entry.lesson.number} removes it.`,
    stderr: say,
  });
  let end: CommandEnd;
  try {
    end = await runLearnerCommand(command, {
      cwd: folder.dir,
      env: session.world.env,
      stdout: options.json ? session.stderr : session.stdout,
      stderr: session.stderr,
    });
  } finally {
    await watch.close();
    stopListening();
  }
  const ok = end.exitCode === 0;
  say.write(`${ok ? t.ok : t.fail} \`${line}\` ${commandEndWords(end)}${ok ? "." : ": it failed. The grade counts what it did."}\n`);
  const grade = await run.grade({ ...(index === undefined ? {} : { stepIndex: index }), live: options.live === true });
  const { client, engine } = connection;
  const kind = daemonKind(engine, await client.info());
  return { grade, end, docker: `${kind.name} (API ${engine.negotiatedApiVersion})` };
}
