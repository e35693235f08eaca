import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { connectToDocker } from "../../src/docker/connect.js";
import { realHostWorld } from "../../src/docker/host-world.js";
import type { LessonOutput } from "../../src/engine/events.js";
import { LessonRecord } from "../../src/engine/lesson-record.js";
import { LessonRun } from "../../src/engine/lesson-run.js";
import { madeSince, readDaemonObjects, removeOwned } from "../../src/engine/ownership.js";
import { prepareWorkspace } from "../../src/engine/workspace.js";
import type { PlaygroundNodes } from "../../src/env/playground-nodes.js";
import { builtInLessonsDir, type CatalogEntry, loadCatalog } from "../../src/lessons/catalog.js";
import type { Step } from "../../src/lessons/schema.js";
import { ProgressStore } from "../../src/progress/store.js";
import { mustShell } from "./docker-cli.js";

const usesHttp = (entry: CatalogEntry) => entry.lesson.steps.some((step) => step.checks.some((check) => check.kind === "http"));

/** A lesson running headless against the real daemon: outputs are collected and can be awaited. */
export async function startHeadlessLesson(
  number: number,
  vars: Record<string, string>,
  options: { tickMs?: number; stepId?: string } = {},
) {
  const dataDir = mkdtempSync(join(tmpdir(), "dtt-data-"));
  const progress = new ProgressStore(join(dataDir, "progress.json"), () => undefined);
  const entry = loadCatalog([], vars).find((e) => e.lesson.number === number);
  if (!entry) throw new Error(`no lesson ${number} in ${builtInLessonsDir()}`);
  const { client } = await connectToDocker({}, realHostWorld({ PATH: process.env.PATH, HOME: process.env.HOME }));
  const outputs: { output: LessonOutput; atMs: number }[] = [];
  const waiters: { match: (o: LessonOutput) => boolean; resolve: (o: { output: LessonOutput; atMs: number }) => void }[] = [];
  const startIndex = options.stepId === undefined ? undefined : entry.lesson.steps.findIndex((s) => s.id === options.stepId);
  const run = await LessonRun.open({
    client,
    entry,
    record: new LessonRecord(progress, entry.lesson.id, () => new Date()),
    snapshot: "record",
  });
  const session = run.watch({
    startIndex,
    // Checks of playground nodes are polled, as in a real lesson: a swarm moving tasks between
    // nodes reaches the manager's task list a moment after the events that announce it. So are
    // http checks: a web server answers a moment after the event that says its container started.
    tickMs: options.tickMs ?? (entry.lesson.requires.nodes || usesHttp(entry) ? 2000 : 3_600_000),
    emit: (output) => {
      const record = { output, atMs: Date.now() };
      outputs.push(record);
      for (const w of waiters.filter((w) => w.match(output))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(record);
      }
    },
  });
  /** Resolves with the first output (already seen or to come) after `fromIndex` that matches. */
  const waitFor = (match: (o: LessonOutput) => boolean, timeoutMs = 20_000, fromIndex = 0) => {
    const seen = outputs.slice(fromIndex).find((r) => match(r.output));
    if (seen) return Promise.resolve(seen);
    return new Promise<{ output: LessonOutput; atMs: number }>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out; outputs so far: ${outputs.map((o) => o.output.type).join(", ")}`)),
        timeoutMs,
      );
      waiters.push({
        match,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      });
    });
  };
  session.start();
  /**
   * Removes the containers this test's lesson made since its snapshot (never images): named with one
   * of its variables, or from one of the lesson's images with a name Docker made up. A container
   * another test named (running alpine, say) is never one of them, as the tutor's own rule says.
   */
  const removeContainersMade = async () => {
    const before = new Set(progress.lesson(entry.lesson.id)?.snapshot?.containers ?? []);
    const images = new Set(entry.lesson.requires.images.map((i) => (i.includes(":") ? i : `${i}:latest`)));
    const dockerNamed = /^[a-z]+_[a-z]+[0-9]?$/;
    for (const c of await client.listContainers({ all: true })) {
      const image = c.image.includes(":") ? c.image : `${c.image}:latest`;
      const ours = Object.values(vars).includes(c.name) || (images.has(image) && dockerNamed.test(c.name));
      if (!before.has(c.id) && ours) await client.removeContainer(c.id);
    }
  };
  const startedAt = new Date(progress.lesson(entry.lesson.id)?.snapshot?.takenAt ?? Date.now());
  return { entry, client, progress, dataDir, outputs, waitFor, run, session, removeContainersMade, startedAt };
}

/**
 * A step's solution as a learner does it: docker commands with the real docker CLI in `cwd` (a
 * node's through DOCKER_HOST with its TLS certificates, as the node's own shell would reach it),
 * file actions there too.
 */
export async function runSolution(step: Step, cwd = process.cwd(), nodes?: PlaygroundNodes): Promise<void> {
  const vars: Record<string, string> = {};
  for (const { node, address } of nodes ? await nodes.addresses() : []) vars[`${node.toUpperCase()}_ADDR`] = address;
  for (const action of step.solution) {
    if ("run" in action && action.node) {
      const address = vars[`${action.node.toUpperCase()}_ADDR`];
      if (!address) throw new Error(`${action.node} is not up`);
      const access = await nodes?.access(action.node);
      if (!access) throw new Error(`${action.node}'s daemon cannot be reached`);
      const tls = { DOCKER_HOST: access.urls[0] ?? "", DOCKER_TLS_VERIFY: "1", DOCKER_CERT_PATH: access.certDir };
      const exports = Object.entries({ ...vars, NODE_ADDR: address, ...tls })
        .map(([k, v]) => `export ${k}='${v}';`)
        .join(" ");
      const output = await mustShell(`${exports} ${action.run}`, action.stdin, cwd);
      if (action.capture) vars[action.capture] = output.trim();
    } else if ("run" in action) {
      const exports = Object.entries(vars)
        .map(([k, v]) => `export ${k}='${v}';`)
        .join(" ");
      const output = await mustShell(`${exports} ${action.run}`, action.stdin, cwd);
      if (action.capture) vars[action.capture] = output.trim();
    } else if ("shell" in action) await mustShell(action.shell, undefined, cwd);
    else if ("write" in action) {
      mkdirSync(dirname(join(cwd, action.write.path)), { recursive: true });
      writeFileSync(join(cwd, action.write.path), action.write.content);
    } else copyFileSync(join(cwd, action.copy.from), join(cwd, action.copy.to));
  }
}

/** A fresh folder holding the lesson's assets, as `docker-tutor lesson` prepares it. */
export function lessonWorkspace(entry: CatalogEntry): string {
  const dir = mkdtempSync(join(tmpdir(), `dtt-${entry.lesson.slug}-`));
  // readable by others like a learner's folder: nginx's workers (user nginx) serve it through a bind mount
  chmodSync(dir, 0o755);
  prepareWorkspace(entry, dir);
  return dir;
}

type Harness = Awaited<ReturnType<typeof startHeadlessLesson>>;

/**
 * Walks a whole lesson headless: for each task step its checks must fail first (unless the step
 * is listed in `trueOnArrival`), the solution runs with the docker CLI in the lesson's workspace,
 * and the step must turn green; quizzes get their accepted answer (a live one read from the
 * daemon). Then the ownership rules remove what the lesson made, and nothing of it may remain.
 * With `until`, the walk stops before that step (the learner quits there), and a lesson with nodes
 * starts no playground: the steps before it must not need one.
 */
export async function walkLesson(
  number: number,
  vars: Record<string, string>,
  options: { trueOnArrival?: readonly string[]; timeoutMs?: number; until?: string } = {},
): Promise<{ steps: { id: string; failedBefore: string[] }[]; leftBehind: string[]; harness: Harness }> {
  const h = await startHeadlessLesson(number, vars);
  const all = h.entry.lesson.steps;
  const stopAt = options.until === undefined ? all.length : all.findIndex((s) => s.id === options.until);
  if (stopAt < 0) throw new Error(`lesson ${number} has no step ${options.until}`);
  const workspace = lessonWorkspace(h.entry);
  // A lesson with nodes walks on a playground of its own, as `docker-tutor test` runs it.
  const nodes = options.until === undefined ? h.run.nodes : undefined;
  if (nodes) await h.run.startPlayground({ say: () => undefined });
  const timeout = options.timeoutMs ?? 30_000;
  const steps: { id: string; failedBefore: string[] }[] = [];
  try {
    for (const [index, step] of all.slice(0, stopAt).entries()) {
      const shown = await h.waitFor((o) => o.type === "step" && o.index === index, timeout);
      const from = h.outputs.indexOf(shown);
      if (step.kind === "quiz" && step.quiz) {
        const accepted = await h.run.expectedAnswers(step.quiz);
        h.session.engine.dispatch({ type: "answer", value: accepted[0] ?? "" });
        const result = await h.waitFor((o) => o.type === "quiz-result" && o.step.id === step.id, timeout, from);
        if (!(result.output as { correct: boolean }).correct) throw new Error(`quiz ${step.id}: answer ${accepted[0]} was not accepted`);
        steps.push({ id: step.id, failedBefore: [] });
        continue;
      }
      let failedBefore: string[] = [];
      if (!options.trueOnArrival?.includes(step.id)) {
        h.session.engine.dispatch({ type: "key", key: "check" });
        const before = await h.waitFor((o) => (o.type === "not-yet" || o.type === "passed") && o.step.id === step.id, timeout, from);
        if (before.output.type === "passed") throw new Error(`step ${step.id} passed before its solution ran`);
        failedBefore = before.output.type === "not-yet" ? before.output.results.filter((r) => !r.pass).map((r) => r.expected) : [];
      }
      // A step already true on arrival asks nothing of the learner: its commands are not typed.
      if (!options.trueOnArrival?.includes(step.id)) await runSolution(step, workspace, nodes);
      h.session.engine.dispatch({ type: "key", key: "check" });
      try {
        await h.waitFor((o) => o.type === "passed" && o.step.id === step.id, timeout, from);
      } catch {
        h.session.engine.dispatch({ type: "key", key: "check" });
        const last = [...h.outputs].reverse().find((o) => o.output.type === "not-yet" && o.output.step.id === step.id);
        const failing = last?.output.type === "not-yet" ? last.output.results.filter((r) => !r.pass) : [];
        throw new Error(`step ${step.id} did not pass after its solution: ${JSON.stringify(failing)}`);
      }
      steps.push({ id: step.id, failedBefore });
    }
    if (stopAt === all.length) await h.waitFor((o) => o.type === "lesson-done", timeout);
  } finally {
    await h.session.close();
    await h.run.removePlayground();
  }
  const snapshot = h.progress.lesson(h.entry.lesson.id)?.snapshot;
  if (!snapshot) throw new Error("the lesson took no snapshot");
  await removeOwned(h.client, madeSince(h.entry.lesson, snapshot, await readDaemonObjects(h.client)));
  const after = madeSince(h.entry.lesson, snapshot, await readDaemonObjects(h.client));
  const leftBehind = [
    ...after.services.map((s) => `service ${s.name}`),
    ...after.containers.map((c) => `container ${c.name}`),
    ...after.networks.map((n) => `network ${n.name}`),
    ...after.volumes.map((v) => `volume ${v}`),
    ...after.imageTags.map((t) => `image ${t}`),
  ];
  rmSync(workspace, { recursive: true, force: true });
  rmSync(h.dataDir, { recursive: true, force: true });
  return { steps, leftBehind, harness: h };
}
