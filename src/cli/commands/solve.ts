import type { DockerClient } from "../../docker/client.js";
import { gradeLesson } from "../../engine/grade.js";
import { ensureSnapshot } from "../../engine/lesson-session.js";
import { foreignNameClashes, renameAdvice } from "../../engine/name-clashes.js";
import { readDaemonObjects } from "../../engine/ownership.js";
import { runSolution } from "../../engine/solution-runner.js";
import { lessonFolder } from "../../engine/workspace.js";
import { bringUp } from "../../env/playground-lifecycle.js";
import { type PlaygroundNodes, playgroundFor } from "../../env/playground-nodes.js";
import { DEFAULT_NODE_IMAGE, planPlayground } from "../../env/playground-plan.js";
import { ExitCode, ExitError, TutorError } from "../../errors.js";
import type { Lesson } from "../../lessons/schema.js";
import { renderResults } from "../../ui/check-results.js";
import { connect, lesson, progressStore, stepIndex, theme } from "../command-context.js";
import { onInterrupt } from "../interrupts.js";
import { leftoversReport } from "../leftovers.js";
import { settlePorts } from "../lesson-ports.js";
import type { Session } from "../session.js";

const SETTLE_MS = 20_000;

/** Runs step solutions through the interpreter, showing each command and its output, then checks each step. */
export async function solve(session: Session, ref: string, options: { step?: string; workdir?: string }): Promise<void> {
  const t = theme(session);
  const { client } = await connect(session);
  const objects = await readDaemonObjects(client);
  const entry = await settlePorts(session, await lesson(session, ref), client, objects);
  const store = progressStore(session);
  const clashes = foreignNameClashes(entry.lesson, store.lesson(entry.lesson.id)?.snapshot, objects);
  if (clashes.length > 0) {
    const advice = renameAdvice(clashes, entry.variables);
    throw new TutorError(
      `${clashes.join(", ")} already exist${clashes.length === 1 ? "s" : ""} and ${clashes.length === 1 ? "is" : "are"} not this lesson's: its solutions would reuse or remove ${clashes.length === 1 ? "it" : "them"}.`,
      advice.length > 0
        ? `Give the lesson other names: docker-tutor solve ${entry.lesson.number} ${advice.join(" ")} (or remove yours first).`
        : "Remove or rename yours first.",
      ExitCode.usage,
    );
  }
  await ensureSnapshot(client, entry, store, session.now);
  const nodes = playgroundFor(client, entry.lesson);
  if (nodes) await ensurePlayground(session, client, entry.lesson, nodes);
  const workspace = lessonFolder(entry, process.cwd(), options.workdir).dir;
  const only = stepIndex(entry, options.step);
  const steps = entry.lesson.steps.map((step, index) => ({ step, index })).filter(({ index }) => only === undefined || index === only);
  let failures = 0;
  const reset = `docker-tutor reset ${entry.lesson.number}`;
  const interrupted = new AbortController();
  const stopListening = onInterrupt({
    first: () => interrupted.abort(),
    atOnce: () => `Stopped at once. What the solutions made stays on the daemon; ${reset} removes it, and only it.`,
    stderr: session.stdout,
  });
  try {
    failures = await solveSteps();
    if (interrupted.signal.aborted) {
      session.stdout.write(`\n${t.warn} Stopped by Ctrl-C.\n`);
      session.stdout.write(await leftoversReport(client, entry, store.lesson(entry.lesson.id)?.snapshot, t));
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
      if (step.kind === "quiz") {
        session.stdout.write(t.dim("A quiz: nothing to run.\n"));
        continue;
      }
      const before = await gradeLesson(client, entry, store.lesson(entry.lesson.id), { stepIndex: index, now: session.now });
      if (step.mayPassOnArrival && before.steps[0]?.pass === true) {
        session.stdout.write(`${t.ok} Already done here: nothing to run.\n`);
        continue;
      }
      const announce = (what: string) => session.stdout.write(`${t.code(what)}\n`);
      const ran = await runSolution(step, client, workspace, {
        stdout: session.stdout,
        stderr: session.stderr,
        env: session.world.env,
        announce,
        signal: interrupted.signal,
        ...(nodes ? { nodes } : {}),
      });
      if (!ran.ok && ran.interrupted) break;
      if (!ran.ok) {
        failures += 1;
        session.stdout.write(`${t.fail} \`${ran.failed}\` exited with ${ran.exitCode}.\n`);
        continue;
      }
      // Some state arrives a moment after the command returns (a task starting, a network let go): check
      // again for a while before calling the step failed.
      const deadline = Date.now() + SETTLE_MS;
      let checks =
        (await gradeLesson(client, entry, store.lesson(entry.lesson.id), { stepIndex: index, now: session.now })).steps[0]?.checks ?? [];
      while (!checks.every((c) => c.pass) && Date.now() < deadline && !interrupted.signal.aborted) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        checks =
          (await gradeLesson(client, entry, store.lesson(entry.lesson.id), { stepIndex: index, now: session.now })).steps[0]?.checks ?? [];
      }
      if (!checks.every((c) => c.pass)) failures += 1;
      session.stdout.write(renderResults(checks, t));
    }
    return failures;
  }
}

/** Steps on nodes need the playground: solve starts it as `docker-tutor env up` would, when it is not up. */
async function ensurePlayground(session: Session, client: DockerClient, lesson: Lesson, nodes: PlaygroundNodes): Promise<void> {
  const count = lesson.requires.nodes ?? 1;
  if ((await nodes.addresses()).length >= count) return;
  const name = lesson.requires.playground;
  session.stdout.write(
    `Starting the playground ${name} (${count} nodes), as docker-tutor env up --nodes ${count}${name === "play" ? "" : ` --name ${name}`} would\n`,
  );
  await bringUp(client, planPlayground(name, count), {
    image: DEFAULT_NODE_IMAGE,
    images: lesson.requires.images,
    say: (_kind, text) => session.stdout.write(`${text}\n`),
    pullOutput: session,
  });
}
