import { writeFileSync } from "node:fs";
import { ExitCode, ExitError } from "../../errors.js";
import { stepLines } from "../../lessons/step-lines.js";
import { type LessonTestRun, removalCommands, testLesson } from "../../testing/lesson-test.js";
import { githubAnnotation, junitXml, outcomeLine, totalsLine } from "../../testing/report.js";
import { catalog, connect, lesson, theme } from "../command-context.js";
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
  const print = (text: string) => {
    if (!options.json) session.stdout.write(text);
  };
  outer: for (const entry of entries) {
    const lines = annotate ? stepLines(entry.file) : new Map<string, number>();
    for (let round = 0; round < (options.twice ? 2 : 1); round++) {
      print(t.bold(`Lesson ${entry.lesson.number} · ${entry.lesson.title}${options.twice ? ` (run ${round + 1} of 2)` : ""}\n`));
      const run = await testLesson(client, entry, {
        keep: options.keep,
        bail: options.bail,
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
      if (options.bail && run.outcomes.some((o) => !o.ok)) break outer;
    }
  }
  const outcomes = runs.flatMap((r) => r.outcomes);
  if (options.junit) writeFileSync(options.junit, junitXml(runs, session.now()));
  if (options.json) {
    const shape = runs.map((r) => ({ lesson: r.outcomes[0]?.lesson, suffix: r.suffix, variables: r.variables, steps: r.outcomes }));
    session.stdout.write(
      `${JSON.stringify({ runs: shape, passed: outcomes.filter((o) => o.ok).length, failed: outcomes.filter((o) => !o.ok).length }, null, 2)}\n`,
    );
  } else {
    session.stdout.write(`\n${totalsLine(outcomes)}`);
  }
  if (outcomes.some((o) => !o.ok)) throw new ExitError(ExitCode.checkFailed);
}
