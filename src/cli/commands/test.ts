import { writeFileSync } from "node:fs";
import { daemonKind } from "../../docker/daemon-kind.js";
import { lessonMisfit } from "../../engine/daemon-fit.js";
import { ExitCode, ExitError } from "../../errors.js";
import type { CatalogEntry } from "../../lessons/catalog.js";
import { stepLines } from "../../lessons/step-lines.js";
import { type LessonTestRun, RUN_LABEL, removalCommands, type StepOutcome, testLesson } from "../../testing/lesson-test.js";
import { challengeCounts, challengeLine, githubAnnotation, junitXml, totalsLine } from "../../testing/report.js";
import { outcomeLine } from "../../ui/test-report.js";
import { catalog, connect, lesson, theme } from "../command-context.js";
import { onInterrupt } from "../interrupts.js";
import type { Session } from "../session.js";

export interface TestOptions {
  readonly twice: boolean;
  readonly junit?: string;
  readonly json: boolean;
  readonly bail: boolean;
  readonly keep: boolean;
}

/**
 * Content CI: every step of every chosen lesson, through the interpreter, each run isolated by
 * unique names and free ports. Exit 0 only if everything passed.
 */
export async function test(session: Session, refs: readonly string[], options: TestOptions): Promise<void> {
  // With a lesson pack and no lesson named, the pack is what is being tested, not the built-in course.
  const packGiven = (session.globals.lessonsDir ?? []).length > 0;
  const all = await catalog(session);
  const entries =
    refs.length > 0
      ? await Promise.all(refs.map((ref) => lesson(session, ref)))
      : packGiven
        ? all.filter((e) => e.source !== "built-in")
        : all;
  const t = theme(session);
  const { client } = await connect(session);
  const annotate = session.world.env.GITHUB_ACTIONS === "true";
  const runs: LessonTestRun[] = [];
  const interrupted = new AbortController();
  let suffix = "";
  // With --json, stdout is the report: what is said on the way out goes to stderr.
  const say = options.json ? session.stderr : session.stdout;
  const stopListening = onInterrupt({
    first: () => {
      interrupted.abort();
      say.write(`\n${t.warn} Stopping: removing what this run made (Ctrl-C again stops at once and leaves it).\n`);
    },
    atOnce: () =>
      `Stopped at once. What this run made is left on the daemon: names end in -${suffix} and its containers carry the label ${RUN_LABEL}=${suffix}. Remove its containers with: docker rm -f $(docker ps -aq --filter label=${RUN_LABEL}=${suffix})`,
    stderr: say,
  });
  try {
    await runAll();
  } finally {
    stopListening();
  }
  const outcomes = runs.flatMap((r) => r.outcomes);
  if (options.junit) writeFileSync(options.junit, junitXml(runs, session.now()));
  if (options.json) {
    const shape = runs.map((r) => ({ lesson: r.outcomes[0]?.lesson, suffix: r.suffix, variables: r.variables, steps: r.outcomes }));
    session.stdout.write(
      `${JSON.stringify(
        {
          runs: shape,
          passed: outcomes.filter((o) => o.ok).length,
          failed: outcomes.filter((o) => !o.ok).length,
          challengeAttempts: challengeCounts(outcomes),
          interrupted: interrupted.signal.aborted,
        },
        null,
        2,
      )}\n`,
    );
  } else {
    session.stdout.write(`\n${totalsLine(outcomes)}${challengeLine(outcomes)}`);
  }
  if (interrupted.signal.aborted) {
    say.write(`${t.warn} Stopped by Ctrl-C: the lessons after the one it stopped did not run.\n`);
    throw new ExitError(ExitCode.interrupted);
  }
  if (outcomes.some((o) => !o.ok)) throw new ExitError(ExitCode.checkFailed);

  async function runAll(): Promise<void> {
    const print = (text: string) => {
      if (!options.json) session.stdout.write(text);
    };
    const kind = daemonKind(client.engine, await client.info());
    outer: for (const entry of entries) {
      const lines = annotate ? stepLines(entry.file) : new Map<string, number>();
      const misfit = lessonMisfit(entry.lesson, kind);
      if (misfit) {
        // Nothing is made: the lesson fails as a whole, with the reason, and the others still run.
        print(t.bold(`Lesson ${entry.lesson.number} · ${entry.lesson.title}\n`));
        const outcome = misfitOutcome(entry, misfit);
        print(outcomeLine(outcome, t));
        if (annotate) session.stdout.write(githubAnnotation(outcome, lines, process.cwd()));
        runs.push({ outcomes: [outcome], left: undefined, suffix: "", variables: entry.variables });
        if (options.bail) break;
        continue;
      }
      for (let round = 0; round < (options.twice ? 2 : 1); round++) {
        print(t.bold(`Lesson ${entry.lesson.number} · ${entry.lesson.title}${options.twice ? ` (run ${round + 1} of 2)` : ""}\n`));
        const run = await testLesson(client, entry, {
          keep: options.keep,
          bail: options.bail,
          signal: interrupted.signal,
          onStart: (started) => {
            suffix = started;
          },
          onOutcome: (outcome) => {
            print(outcomeLine(outcome, t));
            if (annotate && !outcome.ok) session.stdout.write(githubAnnotation(outcome, lines, process.cwd()));
          },
        });
        runs.push(run);
        if (run.left && options.keep) {
          print(t.dim(`Kept for debugging (names end in -${run.suffix}); remove them with:\n`));
          for (const command of removalCommands(run.left)) print(`  ${command}\n`);
        }
        if (interrupted.signal.aborted || (options.bail && run.outcomes.some((o) => !o.ok))) break outer;
      }
    }
  }
}

/** A lesson the daemon cannot run, as one failed outcome: CI sees it, and sees why. */
function misfitOutcome(entry: CatalogEntry, misfit: { readonly why: string; readonly fix: string }): StepOutcome {
  const { number, slug } = entry.lesson;
  return {
    lesson: { number, slug, file: entry.file },
    id: "daemon",
    title: "The daemon can run this lesson",
    ok: false,
    ms: 0,
    phase: "before",
    message: `${misfit.why} ${misfit.fix}`,
  };
}
