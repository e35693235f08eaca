import { writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { daemonKind } from "../../docker/daemon-kind.js";
import { pullQuietly } from "../../docker/quiet-pull.js";
import { lessonMisfit } from "../../engine/daemon-fit.js";
import { ExitCode, ExitError } from "../../errors.js";
import type { CatalogEntry } from "../../lessons/catalog.js";
import { stepLines } from "../../lessons/step-lines.js";
import { runPool, startOrder } from "../../testing/job-pool.js";
import { type LessonTestRun, RUN_LABEL, removalCommands, type StepOutcome, testLesson } from "../../testing/lesson-test.js";
import { OrderedOutput } from "../../testing/ordered-output.js";
import { challengeCounts, challengeLine, githubAnnotation, junitXml, totalsLine } from "../../testing/report.js";
import { outcomeLine } from "../../ui/test-report.js";
import { catalog, connect, lesson, theme } from "../command-context.js";
import { onInterrupt } from "../interrupts.js";
import { imagesNeeded } from "../lesson-images.js";
import type { Session } from "../session.js";

export interface TestOptions {
  readonly twice: boolean;
  readonly junit?: string;
  readonly json: boolean;
  readonly bail: boolean;
  readonly keep: boolean;
  /** How many lessons run at once; the machine's parallelism when absent. */
  readonly jobs?: number;
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
  /** The suffixes of the lesson runs under way, for what Ctrl-C twice leaves behind. */
  const running = new Set<string>();
  const jobs = options.jobs ?? availableParallelism();
  // With --json, stdout is the report: what is said on the way out goes to stderr.
  const say = options.json ? session.stderr : session.stdout;
  const stopListening = onInterrupt({
    first: () => {
      interrupted.abort();
      say.write(`\n${t.warn} Stopping: removing what this run made (Ctrl-C again stops at once and leaves it).\n`);
    },
    atOnce: () => leftAtOnce([...running]),
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
    say.write(`${t.warn} Stopped by Ctrl-C: the lessons it stopped were cut short, and those not yet started did not run.\n`);
    throw new ExitError(ExitCode.interrupted);
  }
  if (outcomes.some((o) => !o.ok)) throw new ExitError(ExitCode.checkFailed);

  async function runAll(): Promise<void> {
    const kind = daemonKind(client.engine, await client.info());
    if (jobs > 1) await pullShared();
    const output = new OrderedOutput((text) => session.stdout.write(text), entries.length);
    let stop = false;
    // Lessons that need the swarm take turns on it and are the longest: they start first.
    const order = startOrder(entries, (entry) => entry.lesson.requires.swarm);
    try {
      const done = await runPool(
        entries,
        jobs,
        async (entry, index) => {
          try {
            return await runLesson(entry, index);
          } finally {
            output.finish(index);
          }
        },
        { order, stopStarting: () => stop || interrupted.signal.aborted },
      );
      runs.push(...done.flatMap((lessonRuns) => lessonRuns ?? []));
    } finally {
      output.flush();
    }

    /**
     * An image two lessons declare, pulled by one of them while they run at once, would be that
     * run's to remove while the other's containers use it: it is pulled first, and no run made it.
     */
    async function pullShared(): Promise<void> {
      for (const { image, lessons } of imagesNeeded(entries)) {
        if (lessons.length < 2 || interrupted.signal.aborted || (await client.inspectImage(image))) continue;
        say.write(`Pulling ${image} first: lessons ${lessons.join(", ")} run at once and each uses it.\n`);
        const pulled = await pullQuietly(client, image, { stderr: session.stderr, env: session.world.env, signal: interrupted.signal });
        // A pull that fails leaves the lessons to pull it themselves, and to say so in their steps.
        if (!pulled) say.write(`${t.warn} Could not pull ${image}; the lessons will try.\n`);
      }
    }

    /** One lesson (twice with --twice), its lines held in its section of the output. */
    async function runLesson(entry: CatalogEntry, index: number): Promise<LessonTestRun[]> {
      const print = (text: string) => {
        if (!options.json) output.write(index, text);
      };
      const lines = annotate ? stepLines(entry.file) : new Map<string, number>();
      const misfit = lessonMisfit(entry.lesson, kind);
      if (misfit) {
        // Nothing is made: the lesson fails as a whole, with the reason, and the others still run.
        print(t.bold(`Lesson ${entry.lesson.number} · ${entry.lesson.title}\n`));
        const outcome = misfitOutcome(entry, misfit);
        print(outcomeLine(outcome, t));
        if (annotate) output.write(index, githubAnnotation(outcome, lines, process.cwd()));
        if (options.bail) stop = true;
        return [{ outcomes: [outcome], left: undefined, suffix: "", variables: entry.variables }];
      }
      const lessonRuns: LessonTestRun[] = [];
      for (let round = 0; round < (options.twice ? 2 : 1); round++) {
        if (stop || interrupted.signal.aborted) break;
        print(t.bold(`Lesson ${entry.lesson.number} · ${entry.lesson.title}${options.twice ? ` (run ${round + 1} of 2)` : ""}\n`));
        let suffix = "";
        try {
          const run = await testLesson(client, entry, {
            keep: options.keep,
            bail: options.bail,
            signal: interrupted.signal,
            onStart: (started) => {
              suffix = started;
              running.add(started);
            },
            onOutcome: (outcome) => {
              print(outcomeLine(outcome, t));
              if (annotate && !outcome.ok) output.write(index, githubAnnotation(outcome, lines, process.cwd()));
            },
          });
          lessonRuns.push(run);
          if (run.left && options.keep) {
            print(t.dim(`Kept for debugging (names end in -${run.suffix}); remove them with:\n`));
            for (const command of removalCommands(run.left)) print(`  ${command}\n`);
          }
          if (options.bail && run.outcomes.some((o) => !o.ok)) stop = true;
        } finally {
          running.delete(suffix);
        }
      }
      return lessonRuns;
    }
  }
}

/** What Ctrl-C twice leaves on the daemon, for each lesson run that was under way, and how to remove its containers. */
function leftAtOnce(suffixes: readonly string[]): string {
  const each = suffixes.length > 0 ? suffixes : [""];
  const names = each.map((s) => `-${s}`).join(" or ");
  const labels = each.map((s) => `${RUN_LABEL}=${s}`).join(" or ");
  const removals = each.map((s) => `docker rm -f $(docker ps -aq --filter label=${RUN_LABEL}=${s})`).join("; ");
  return `Stopped at once. What this run made is left on the daemon: names end in ${names} and its containers carry the label ${labels}. Remove its containers with: ${removals}`;
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
