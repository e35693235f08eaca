import { counted } from "../../checks/wording.js";
import type { LessonRun } from "../../engine/lesson-run.js";
import { ExitCode, ExitError, TutorError } from "../../errors.js";
import { wrappedResults } from "../../ui/check-results.js";
import { createTextRenderer } from "../../ui/text-renderer.js";
import { stepIndex, theme } from "../command-context.js";
import { onInterrupt } from "../interrupts.js";
import { leftoversReport } from "../leftovers.js";
import { clashWords, startLesson } from "../lesson-start.js";
import type { Session } from "../session.js";

/** How long a step may take to turn green after its solution: a task starting, a network let go. */
const SETTLE_MS = 20_000;

/** Runs step solutions through the interpreter, showing each command and its output, then checks each step. */
export async function solve(session: Session, ref: string, options: { step?: string; workdir?: string }): Promise<void> {
  const t = theme(session);
  const start = await startLesson(session, ref);
  const { entry } = start;
  if (start.clashes.length > 0) {
    const w = clashWords(start.clashes);
    throw new TutorError(
      `${w.names} already ${w.exist} and ${w.isAre} not this lesson's: its solutions would reuse or remove ${w.itThem}.`,
      start.advice.length > 0
        ? `Give the lesson other names: docker-tutor solve ${entry.lesson.number} ${start.advice.join(" ")} (or remove yours first).`
        : "Remove or rename yours first.",
      ExitCode.usage,
    );
  }
  const { run } = await start.open(options.workdir);
  if (!(await run.playgroundReady())) await startPlayground(session, run);
  const only = stepIndex(entry, options.step);
  const steps = entry.lesson.steps.map((step, index) => ({ step, index })).filter(({ index }) => only === undefined || index === only);
  const reset = `docker-tutor reset ${entry.lesson.number}`;
  const interrupted = new AbortController();
  const stopListening = onInterrupt({
    first: () => interrupted.abort(),
    atOnce: () => `Stopped at once. What the solutions made stays on the daemon; ${reset} removes it, and only it.`,
    stderr: session.stdout,
  });
  let failures = 0;
  try {
    failures = await solveSteps();
    if (interrupted.signal.aborted) {
      session.stdout.write(`\n${t.warn} Stopped by Ctrl-C.\n`);
      session.stdout.write(await leftoversReport(run, t));
      throw new ExitError(ExitCode.interrupted);
    }
  } finally {
    // Only now: a Ctrl-C while the leftovers are listed must still end it at once.
    stopListening();
  }
  session.stdout.write(
    `\n${failures === 0 ? `${t.ok} Every step solved.` : `${t.fail} ${failures} step${failures === 1 ? "" : "s"} did not pass.`} ${t.dim(`Undo with: ${reset}`)}\n`,
  );
  if (failures > 0) throw new ExitError(ExitCode.checkFailed);

  async function solveSteps(): Promise<number> {
    let failures = 0;
    for (const { step, index } of steps) {
      if (interrupted.signal.aborted) break;
      session.stdout.write(`\n${t.bold(`Step ${index + 1}/${entry.lesson.steps.length}: ${step.title}`)}\n`);
      // The step begins now, as when a lesson shows it: `check` later grades it by what happened since.
      await run.enterStep(step);
      if (step.kind === "quiz") {
        session.stdout.write(t.dim("A quiz: nothing to run.\n"));
        continue;
      }
      // One look (settle until now): a step already done is recorded as seen passing, as in the lesson.
      if (step.mayPassOnArrival && (await run.settle(step, { until: 0 })).every((r) => r.pass)) {
        session.stdout.write(`${t.ok} Already done here: nothing to run.\n`);
        continue;
      }
      const ran = await run.runSolution(step, {
        stdout: session.stdout,
        stderr: session.stderr,
        announce: (what) => session.stdout.write(`${t.code(what)}\n`),
        signal: interrupted.signal,
      });
      if (!ran.ok && ran.interrupted) break;
      if (!ran.ok) {
        failures += 1;
        // A command not run was announced with why (a name something not the lesson's holds).
        session.stdout.write(
          ran.notRun ? `${t.fail} Not run: \`${ran.failed}\`.\n` : `${t.fail} \`${ran.failed}\` exited with ${ran.exitCode}.\n`,
        );
        continue;
      }
      const checks = await run.settle(step, { until: Date.now() + SETTLE_MS, signal: interrupted.signal });
      if (!checks.every((c) => c.pass)) failures += 1;
      session.stdout.write(
        wrappedResults(
          checks,
          createTextRenderer(() => session.stdout.columns, t),
        ),
      );
    }
    return failures;
  }
}

/** Steps on nodes need the playground: solve starts it as `docker-tutor env up` would, when it is not up. */
async function startPlayground(session: Session, run: LessonRun): Promise<void> {
  const count = run.lesson.requires.nodes ?? 1;
  const name = run.lesson.requires.playground;
  session.stdout.write(
    `Starting the playground ${name} (${counted(count, "node")}), as docker-tutor env up --nodes ${count}${name === "play" ? "" : ` --name ${name}`} would\n`,
  );
  await run.startPlayground({ say: (_kind, text) => session.stdout.write(`${text}\n`), pullOutput: session });
}
