import type { DockerClient } from "../docker/client.js";
import type { DaemonClock } from "../docker/daemon-clock.js";
import type { DockerEvent } from "../docker/views.js";
import type { PlaygroundNodes } from "../env/playground-nodes.js";
import type { LessonEvent } from "./events.js";

/** Whoever the daemon's events are fed to: the lesson's engine, or the rounds of a watched command. */
export interface EventSink {
  dispatch(event: LessonEvent): void;
}

/** Sees each of the daemon's events before the engine does (the step's log); returns the event to give the engine. */
export type EventWatcher = (event: DockerEvent) => DockerEvent;

/**
 * Feeds the engine the daemon's events, and those of every playground node that is up, until the
 * signal aborts. A broken stream is said, waited out, and resumed from where it was.
 */
export async function followDaemon(
  client: DockerClient,
  clock: DaemonClock,
  nodes: PlaygroundNodes | undefined,
  engine: EventSink,
  signal: AbortSignal,
  watcher: EventWatcher = (event) => event,
): Promise<void> {
  await Promise.all([pumpEvents(client, clock, engine, signal, watcher), nodes ? followNodes(nodes, engine, signal) : undefined]);
}

/**
 * Follows the events of every node of the playground that is up, each from when it was first seen;
 * a node that goes away (env down) is let go quietly and picked up again if it comes back.
 */
async function followNodes(playground: PlaygroundNodes, engine: EventSink, signal: AbortSignal): Promise<void> {
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
          // No `since`: the node starts from its own now, on its own clock, which need not be ours.
          for await (const event of nodeClient.events({ signal: follower.signal })) {
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
    if (signal.aborted) done();
    else signal.addEventListener("abort", done);
  });
}

/** How far back the stream starts: a change made while the lesson was being shown is not missed. */
const LOOK_BACK_MS = 1000;

/**
 * Follows the daemon's events; when the stream breaks, says so, waits for the daemon and resumes
 * from where it was. `since` is on the daemon's clock: its now a moment ago, then the last event's
 * own time; after a loss, never later than the daemon's now (its clock may have been set back).
 */
async function pumpEvents(
  client: DockerClient,
  clock: DaemonClock,
  engine: EventSink,
  signal: AbortSignal,
  watcher: EventWatcher,
): Promise<void> {
  const lookBack = async () => new Date((await clock.now()).getTime() - LOOK_BACK_MS);
  let since: Date | undefined;
  while (!signal.aborted) {
    try {
      since ??= await lookBack();
      for await (const event of client.events({ signal, since })) {
        since = new Date(event.timeMs);
        engine.dispatch({ type: "daemon", event: watcher(event) });
      }
      if (signal.aborted) return;
      throw new Error("the event stream ended");
    } catch (error) {
      if (signal.aborted) return;
      engine.dispatch({ type: "daemon-lost", reason: error instanceof Error ? error.message : String(error) });
      for (;;) {
        await pause(1000, signal);
        if (signal.aborted) return;
        // Asking the daemon's time is also how the tutor learns it answers again.
        const back = await clock.remeasure().then(
          () => true,
          () => false,
        );
        if (back) break;
      }
      const daemonNow = await lookBack();
      if (since === undefined || since > daemonNow) since = daemonNow;
      engine.dispatch({ type: "daemon-back" });
    }
  }
}
