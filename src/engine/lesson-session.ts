import type { CheckContext, CheckResult } from "../checks/check.js";
import { httpGet } from "../checks/http-get.js";
import { evaluateChecks } from "../checks/registry.js";
import type { DockerClient } from "../docker/client.js";
import { createRound } from "../docker/round.js";
import { type PlaygroundNodes, playgroundFor } from "../env/playground-nodes.js";
import type { CatalogEntry } from "../lessons/catalog.js";
import type { Step } from "../lessons/schema.js";
import { lessonEntry, type ProgressStore, type Snapshot } from "../progress/store.js";
import type { LessonOutput } from "./events.js";
import { firstUnfinishedStep, LessonEngine } from "./lesson-engine.js";
import { expectedAnswers } from "./live-answers.js";
import { readDaemonObjects, snapshotOf } from "./ownership.js";

export interface LessonSessionOptions {
  readonly client: DockerClient;
  readonly entry: CatalogEntry;
  readonly progress: ProgressStore;
  readonly emit: (output: LessonOutput) => void;
  readonly now?: () => Date;
  /** 0-based; default: the first unfinished step. */
  readonly startIndex?: number;
  /** "Run it for me" (the `r` key); absent, the key does nothing. */
  readonly runSolution?: (step: Step) => Promise<void>;
  /** How often checks no daemon event announces (http, exec, registry) are polled. */
  readonly tickMs?: number;
}

export interface LessonSession {
  readonly engine: LessonEngine;
  /** Shows the first step; call it once whoever shows outputs is ready. */
  start(): void;
  close(): Promise<void>;
}

/** Snapshot at first start (what exists is never the lesson's), then the engine fed by the daemon's events. */
export async function openLessonSession(options: LessonSessionOptions): Promise<LessonSession> {
  const { client, entry, progress, emit } = options;
  const now = options.now ?? (() => new Date());
  const snapshot = await ensureSnapshot(client, entry, progress, now);
  const scope = { startedAt: new Date(snapshot.takenAt), preexistingContainerIds: new Set(snapshot.containers) };
  const playground = playgroundFor(client, entry.lesson);
  const evaluate = (step: Step): Promise<readonly CheckResult[]> => {
    const nodes = playground?.round();
    const context: CheckContext = { docker: createRound(client), scope, httpGet, ...(nodes ? { nodes } : {}) };
    return evaluateChecks(step.checks, context);
  };
  const done = progress.lesson(entry.lesson.id)?.steps ?? {};
  const engine = new LessonEngine(
    {
      lesson: entry.lesson,
      evaluate,
      expectedAnswer: (quiz) => expectedAnswers(quiz, createRound(client), scope.startedAt),
      progress,
      emit,
      now,
      ...(options.runSolution ? { runSolution: options.runSolution } : {}),
    },
    options.startIndex ?? firstUnfinishedStep(entry.lesson, done),
  );

  const abort = new AbortController();
  const pumping = Promise.all([
    pumpEvents(client, engine, abort.signal, now),
    playground ? followNodes(playground, engine, abort.signal) : undefined,
  ]);
  const ticker = setInterval(() => engine.dispatch({ type: "tick" }), options.tickMs ?? 2000);
  ticker.unref();
  return {
    engine,
    start: () => engine.start(),
    close: async () => {
      clearInterval(ticker);
      abort.abort();
      await pumping;
    },
  };
}

export async function ensureSnapshot(
  client: DockerClient,
  entry: CatalogEntry,
  progress: ProgressStore,
  now: () => Date,
): Promise<Snapshot> {
  const existing = progress.lesson(entry.lesson.id)?.snapshot;
  if (existing) return existing;
  const snapshot = snapshotOf(await readDaemonObjects(client), now());
  progress.update((data) => {
    lessonEntry(data, entry.lesson.id, new Date(snapshot.takenAt)).snapshot = snapshot;
  });
  return snapshot;
}

/**
 * Follows the events of every node of the playground that is up, each from when it was first seen;
 * a node that goes away (env down) is let go quietly and picked up again if it comes back.
 */
async function followNodes(playground: PlaygroundNodes, engine: LessonEngine, signal: AbortSignal): Promise<void> {
  const following = new Map<string, AbortController>();
  const stop = () => {
    for (const follower of following.values()) follower.abort();
  };
  signal.addEventListener("abort", stop, { once: true });
  while (!signal.aborted) {
    for (const { node, address } of await playground.addresses().catch(() => [])) {
      if (following.has(address)) continue;
      const nodeClient = await playground.client(node);
      if (!nodeClient || signal.aborted) continue;
      const follower = new AbortController();
      following.set(address, follower);
      void (async () => {
        try {
          for await (const event of nodeClient.events({ signal: follower.signal, since: new Date() })) {
            engine.dispatch({ type: "daemon", event });
          }
        } catch {
          // the node went away; the next look picks it up again if it comes back
        }
        following.delete(address);
      })();
    }
    await pause(2000, signal);
  }
  stop();
}

/** Waits `ms`, or less when `signal` aborts; leaves no listener behind either way. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done);
  });
}

/** Follows the daemon's events; when the stream breaks, says so, waits for the daemon and resumes from where it was. */
async function pumpEvents(client: DockerClient, engine: LessonEngine, signal: AbortSignal, now: () => Date): Promise<void> {
  let since = new Date(now().getTime() - 1000);
  const pause = () => new Promise((resolve) => setTimeout(resolve, 1000));
  while (!signal.aborted) {
    try {
      for await (const event of client.events({ signal, since })) {
        since = new Date(event.timeMs);
        engine.dispatch({ type: "daemon", event });
      }
      if (signal.aborted) return;
      throw new Error("the event stream ended");
    } catch (error) {
      if (signal.aborted) return;
      engine.dispatch({ type: "daemon-lost", reason: error instanceof Error ? error.message : String(error) });
      for (;;) {
        await pause();
        if (signal.aborted) return;
        const back = await client.info().then(
          () => true,
          () => false,
        );
        if (back) break;
      }
      engine.dispatch({ type: "daemon-back" });
    }
  }
}
