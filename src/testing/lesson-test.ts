import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { counted } from "../checks/wording.js";
import type { DockerClient } from "../docker/client.js";
import { daemonMessageOf, statusCodeOf } from "../docker/docker-errors.js";
import { LessonRun } from "../engine/lesson-run.js";
import {
  type DaemonObjects,
  describeOwned,
  madeSince,
  NOTHING_OWNED,
  type OwnedResources,
  readDaemonObjects,
  removeOwned,
} from "../engine/ownership.js";
import { prepareWorkspace } from "../engine/workspace.js";
import { type CatalogEntry, loadLessonFile } from "../lessons/catalog.js";
import type { Step } from "../lessons/schema.js";
import type { Snapshot } from "../progress/store.js";
import { captured } from "./captured-output.js";
import { hasAttempts, tryAttempts } from "./challenge-attempts.js";
import { isolatedVariables, newSuffix, ownPlayground } from "./isolation.js";
import { type QuickSolving, quickSolving } from "./quick-solving.js";
import { withSwarmLock } from "./swarm-lock.js";

/** Every container a test run's solutions create carries this label, with the run's suffix as its value. */
export const RUN_LABEL = "docker-tutor.test-run";

/** Which part of a step's test failed, so an expected failure is never mistaken for a broken lesson. */
export type Phase = "before" | "solve" | "after" | "quiz" | "cleanup";

export interface StepOutcome {
  readonly lesson: { readonly number: number; readonly slug: string; readonly file: string };
  /** The step's id, or `cleanup` for the lesson's cleanup and leak check. */
  readonly id: string;
  readonly title: string;
  readonly ok: boolean;
  readonly ms: number;
  /** Where it failed; for a pass, the last phase run. */
  readonly phase: Phase;
  readonly note?: string;
  readonly message?: string;
  readonly expected?: string;
  readonly actual?: string;
  /** A challenge's attempt: its solution (the step's own outcome), an alternative, or a known-wrong one. */
  readonly attempt?: {
    readonly kind: "solution" | "alternative" | "wrong";
    readonly number: number;
    /** `wrong attempt 2`, `alternative 1`; empty for the solution, whose outcome is the step's. */
    readonly label: string;
  };
}

export interface LessonTestOptions {
  /** How long a step may take to turn green after its solution (polled checks, tasks starting). */
  readonly settleMs?: number;
  readonly keep?: boolean;
  readonly bail?: boolean;
  readonly onOutcome?: (outcome: StepOutcome) => void;
  /** Told the run's suffix before anything is made: names end in it, containers carry it in RUN_LABEL. */
  readonly onStart?: (suffix: string) => void;
  /** Ctrl-C: the running step is cut, no further step runs, and cleanup still removes what the run made. */
  readonly signal?: AbortSignal;
}

export interface LessonTestRun {
  readonly outcomes: readonly StepOutcome[];
  /** What is left on the daemon (with --keep, or when cleanup failed). */
  readonly left: OwnedResources | undefined;
  readonly suffix: string;
  readonly variables: Readonly<Record<string, string>>;
}

/**
 * One lesson as CI tests it: unique names and free ports, then for every step its checks must
 * fail, its solution runs through the interpreter, and its checks must pass; quizzes must have an
 * answer; at the end the lesson's resources are removed and none may remain.
 */
export async function testLesson(client: DockerClient, base: CatalogEntry, options: LessonTestOptions = {}): Promise<LessonTestRun> {
  const suffix = newSuffix();
  options.onStart?.(suffix);
  const variables = await isolatedVariables(base.lesson, suffix, undefined, base.variables);
  const loaded = loadLessonFile(base.file, base.source, variables, base.shellAllowed);
  if (!loaded.entry) throw new Error(`${base.file} no longer loads: ${loaded.problems.map((p) => p.what).join("; ")}`);
  const entry = onOwnPlayground(loaded.entry, suffix);
  const run = () => runIsolated(client, entry, suffix, options);
  const { outcomes, left } = entry.lesson.requires.swarm ? await withSwarmLock(run) : await run();
  return { outcomes, left, suffix, variables };
}

async function runIsolated(client: DockerClient, entry: CatalogEntry, suffix: string, options: LessonTestOptions) {
  const { lesson } = entry;
  const outcomes: StepOutcome[] = [];
  const record = (outcome: Omit<StepOutcome, "lesson">) => {
    const full = { lesson: { number: lesson.number, slug: lesson.slug, file: entry.file }, ...outcome };
    outcomes.push(full);
    options.onOutcome?.(full);
    return full;
  };
  const runLabel = { key: RUN_LABEL, value: suffix };
  const workspace = mkdtempSync(join(tmpdir(), `docker-tutor-test-${lesson.slug}-`));
  // mkdtemp makes the folder 0700; a learner's docker-tutor-labs folder is 0755, and a container
  // whose process runs as another user (nginx's workers: uid 101) must read it when bind-mounted.
  chmodSync(workspace, 0o755);
  prepareWorkspace(entry, workspace);
  const run = await LessonRun.open({ client, entry, snapshot: "fresh", runLabel, workspace });
  const { snapshot } = run;
  if (!snapshot) throw new Error("a fresh run always takes a snapshot");
  try {
    const ready = run.nodes ? await playgroundUp(run, record, options.signal) : true;
    const settleMs = options.settleMs ?? 20_000;
    const quick = quickSolving(suffix, snapshot);
    for (const step of ready ? lesson.steps : []) {
      if (options.signal?.aborted) break;
      // A challenge's other solutions and near misses run after its checks failed on arrival, before its own solution.
      const attempts: Omit<StepOutcome, "lesson">[] = [];
      const beforeSolution = hasAttempts(step)
        ? async () =>
            void attempts.push(
              ...(await tryAttempts(run, step, { settleMs, signal: options.signal, workspace, mark: { suffix, label: runLabel }, quick })),
            )
        : undefined;
      const stepStarted = Date.now();
      let outcome: StepOutcome;
      try {
        outcome = record(
          await testStep(run, step, { settleMs, signal: options.signal, quick, ...(beforeSolution ? { beforeSolution } : {}) }),
        );
      } catch (error) {
        // The daemon refused in a way no phase expects (Podman's conmon failing, a 500): this step
        // fails with what it said, the later steps build on it and are not run, and cleanup still
        // removes what the run made. Anything else is the tutor's own bug, reported as one.
        const status = statusCodeOf(error);
        if (status === undefined) throw error;
        record({
          id: step.id,
          title: step.title,
          ok: false,
          ms: Date.now() - stepStarted,
          phase: "solve",
          message: `stopped here: the daemon answered what no phase expects (HTTP ${status}: ${daemonMessageOf(error)}). The lesson's later steps were not run.`,
        });
        attempts.forEach(record);
        break;
      }
      const tried = attempts.map(record);
      if ((!outcome.ok || tried.some((o) => !o.ok)) && options.bail) break;
    }
  } finally {
    rmSync(workspace, { recursive: true, force: true });
    // The run's own playground goes with it, whatever happened.
    if (!options.keep) await run.removePlayground().catch(() => undefined);
  }
  const started = Date.now();
  const bySuffix = async () => {
    const now = await readDaemonObjects(client);
    return withSuffix(madeSince(lesson, snapshot, now, runLabel), now, suffix, snapshot);
  };
  if (options.keep) {
    const left = await bySuffix();
    record({ id: "cleanup", title: "cleanup (skipped: --keep)", ok: true, ms: 0, phase: "cleanup", note: "kept for debugging" });
    return { outcomes, left };
  }
  // First what reset would remove for a learner (what the run recorded, after one last look);
  // whatever of the run is left after that is a leak.
  await run.recordMade();
  // Everything here is the run's own: a removed service's tasks are killed, not waited for.
  const removal = await removeOwned(client, (await run.owned()) ?? NOTHING_OWNED, { killTasks: true });
  const leaked = await bySuffix();
  const leaks = describeOwned(leaked);
  if (leaks.length > 0) await removeOwned(client, leaked, { killTasks: true });
  const left = await bySuffix();
  const problems = [
    ...(leaks.length > 0 ? [`reset would leave these behind (declare them in the lesson's resources): ${leaks.join(", ")}`] : []),
    ...removal.kept.map((k) => `could not remove ${k.what}: ${k.why}`),
    ...(describeOwned(left).length > 0 ? [`still on the daemon: ${describeOwned(left).join(", ")}`] : []),
  ];
  record({
    id: "cleanup",
    title: "cleanup leaves nothing behind",
    ok: problems.length === 0,
    ms: Date.now() - started,
    phase: "cleanup",
    ...(problems.length === 0 ? { note: `${removal.removed.length} removed` } : { message: problems.join("; ") }),
  });
  return { outcomes, left: describeOwned(left).length > 0 ? left : undefined };
}

/**
 * A lesson on nodes is tested on a playground of its own, whatever name the lesson gives it (a
 * pack's literal `play` is the learner's): the name gets the run's suffix.
 */
function onOwnPlayground(entry: CatalogEntry, suffix: string): CatalogEntry {
  const { requires } = entry.lesson;
  if (requires.nodes === undefined) return entry;
  const playground = ownPlayground(requires.playground, suffix);
  return playground === requires.playground ? entry : { ...entry, lesson: { ...entry.lesson, requires: { ...requires, playground } } };
}

/** A lesson with nodes runs on a playground of its own, started before its first step. */
async function playgroundUp(
  run: LessonRun,
  record: (outcome: Omit<StepOutcome, "lesson">) => StepOutcome,
  signal: AbortSignal | undefined,
): Promise<boolean> {
  const started = Date.now();
  const count = run.lesson.requires.nodes ?? 1;
  const base = { id: "playground", title: `start a playground of ${counted(count, "node")}`, phase: "before" as const };
  try {
    const up = await run.startPlayground({ ...(signal ? { signal } : {}), say: () => undefined });
    if (!up) return false;
    const pulls = [
      ...(up.pulled.length > 0 ? [`pulled ${up.pulled.join(", ")} for the nodes`] : []),
      ...(up.notPulled.length > 0 ? [`could not pull ${up.notPulled.join(", ")}: the nodes will try`] : []),
    ];
    record({
      ...base,
      ok: true,
      ms: Date.now() - started,
      note: [`${counted(up.nodes.length, "node")}, ${up.mode.kind}`, ...pulls].join("; "),
    });
    return true;
  } catch (error) {
    record({ ...base, ok: false, ms: Date.now() - started, message: error instanceof Error ? error.message : String(error) });
    return false;
  }
}

/** How long checks on playground nodes may take to come true after the solution. */
const NODE_SETTLE_MS = 65_000;

async function testStep(
  run: LessonRun,
  step: Step,
  options: {
    readonly settleMs: number;
    readonly signal: AbortSignal | undefined;
    readonly quick: QuickSolving;
    readonly beforeSolution?: () => Promise<void>;
  },
): Promise<Omit<StepOutcome, "lesson">> {
  const { settleMs, signal } = options;
  const base = {
    id: step.id,
    title: step.title,
    ...(step.kind === "challenge" ? { attempt: { kind: "solution" as const, number: 1, label: "" } } : {}),
  };
  let started = Date.now();
  const elapsed = () => Date.now() - started;
  // As a learner's step begins when it is shown: only what happens from now on counts for it.
  await run.enterStep(step);
  if (step.kind === "quiz" && step.quiz) {
    const accepted = await run.expectedAnswers(step.quiz);
    return accepted.length > 0
      ? { ...base, ok: true, ms: elapsed(), phase: "quiz", note: `answer ${accepted[0]}` }
      : { ...base, ok: false, ms: elapsed(), phase: "quiz", message: "the quiz has no answer: its live query found nothing on the daemon" };
  }
  const first = await run.evaluate(step);
  const passedEarly = first.every((r) => r.pass);
  if (passedEarly && !step.mayPassOnArrival) {
    return {
      ...base,
      ok: false,
      ms: elapsed(),
      phase: "before",
      message: "its checks pass before its solution ran: the step teaches nothing here",
    };
  }
  // Already done here (a swarm that was active, an image already pulled): a learner types nothing.
  if (passedEarly) return { ...base, ok: true, ms: elapsed(), phase: "before", note: "already true on arrival" };
  if (options.beforeSolution) {
    await options.beforeSolution();
    // The attempts have outcomes of their own: the step's time is its solution's.
    started = Date.now();
  }
  const output = captured();
  const solved = await run.runSolution(step, {
    stdout: output.stream,
    stderr: output.stream,
    announce: (what) => output.stream.write(`${what}\n`),
    ...options.quick,
    ...(signal ? { signal } : {}),
  });
  if (!solved.ok && solved.interrupted) {
    return { ...base, ok: false, ms: elapsed(), phase: "solve", message: `stopped by Ctrl-C during \`${solved.failed}\`` };
  }
  // Why a bind mount cannot work on this daemon, told with the failure it explains.
  const notice = await run.bindMountNotice(step);
  const because = notice ? ` (${notice})` : "";
  if (!solved.ok) {
    return {
      ...base,
      ok: false,
      ms: elapsed(),
      phase: "solve",
      message: `\`${solved.failed}\` exited with ${solved.exitCode}: ${output.tail()}${because}`,
    };
  }
  // A swarm spreads what changed by gossip, with a full exchange every 30 s: a node may learn of
  // another node's new task only then.
  const onNodes = step.checks.some((c) => "node" in c && c.node !== undefined);
  const until = signal?.aborted ? 0 : Date.now() + (onNodes ? Math.max(settleMs, NODE_SETTLE_MS) : settleMs);
  const results = await run.settle(step, { until, ...(signal ? { signal } : {}) });
  const failing = results.filter((r) => !r.pass);
  if (failing.length === 0) return { ...base, ok: true, ms: elapsed(), phase: "after" };
  return {
    ...base,
    ok: false,
    ms: elapsed(),
    phase: "after",
    message: `its checks still fail after its solution${because}`,
    expected: failing.map((r) => r.expected).join("; "),
    actual: failing.map((r) => r.actual).join("; "),
  };
}

/**
 * What the ownership rules name, plus anything new carrying the run's suffix: a leak check that
 * does not trust the rules it checks.
 */
function withSuffix(owned: OwnedResources, now: DaemonObjects, suffix: string, snapshot: Snapshot): OwnedResources {
  const has = (name: string) => name.includes(suffix);
  const labelled = (labels: Readonly<Record<string, string>>) => labels[RUN_LABEL] === suffix;
  const add = <T>(list: readonly T[], extra: readonly T[], key: (t: T) => string) => {
    const seen = new Set(list.map(key));
    return [...list, ...extra.filter((t) => !seen.has(key(t)))];
  };
  return {
    ...owned,
    services: add(
      owned.services,
      now.services.filter((s) => has(s.name) && !snapshot.services.includes(s.id)).map(({ id, name }) => ({ id, name })),
      (s) => s.id,
    ),
    containers: add(
      owned.containers,
      now.containers
        .filter((c) => (has(c.name) || labelled(c.labels)) && !snapshot.containers.includes(c.id))
        .map(({ id, name, image }) => ({ id, name, image })),
      (c) => c.id,
    ),
    networks: add(
      owned.networks,
      now.networks.filter((n) => has(n.name) && !snapshot.networks.includes(n.id)).map(({ id, name }) => ({ id, name })),
      (n) => n.id,
    ),
    volumes: add(
      owned.volumes,
      now.volumes.filter((v) => has(v.name) && !snapshot.volumes.includes(v.name)).map((v) => v.name),
      (v) => v,
    ),
    imageTags: add(
      owned.imageTags,
      now.images.flatMap((i) => i.tags).filter((t) => has(t) && !snapshot.imageTags.includes(t)),
      (t) => t,
    ),
  };
}

/** The commands that remove what a run kept, for --keep. */
export function removalCommands(left: OwnedResources): string[] {
  return [
    ...(left.services.length > 0 ? [`docker service rm ${left.services.map((s) => s.name).join(" ")}`] : []),
    ...(left.containers.length > 0 ? [`docker container rm -f -v ${left.containers.map((c) => c.name || c.id).join(" ")}`] : []),
    ...(left.networks.length > 0 ? [`docker network rm ${left.networks.map((n) => n.name).join(" ")}`] : []),
    ...(left.volumes.length > 0 ? [`docker volume rm ${left.volumes.join(" ")}`] : []),
    ...(left.imageTags.length > 0 ? [`docker image rm ${left.imageTags.join(" ")}`] : []),
    ...(left.leaveSwarm ? ["docker swarm leave --force"] : []),
  ];
}
