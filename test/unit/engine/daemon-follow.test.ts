import { describe, expect, it } from "vitest";
import type { DockerClient } from "../../../src/docker/client.js";
import { DaemonClock } from "../../../src/docker/daemon-clock.js";
import type { DockerEvent } from "../../../src/docker/views.js";
import { followDaemon } from "../../../src/engine/daemon-follow.js";
import type { LessonEngine } from "../../../src/engine/lesson-engine.js";
import type { PlaygroundNodes } from "../../../src/env/playground-nodes.js";

const MINUTE = 60_000;
const TUTOR_NOW = Date.parse("2026-12-06T10:00:00Z");

/**
 * A daemon whose clock is `skewMs` off the tutor's: each events() call records its `since` and
 * plays the next script (its events, then a break); once the scripts are played, the stream that
 * opens next ends the follow.
 */
function skewedDaemon(skewMs: number, scripts: DockerEvent[][]) {
  const sinces: number[] = [];
  const stop = new AbortController();
  const daemon = {
    skewMs,
    info: async () => ({ systemTime: new Date(TUTOR_NOW + daemon.skewMs) }),
    events: ({ since }: { signal: AbortSignal; since?: Date }) => {
      sinces.push(since?.getTime() ?? Number.NaN);
      const script = scripts.shift();
      return (async function* () {
        if (!script) return stop.abort();
        yield* script;
        throw new Error("socket hang up");
      })();
    },
  };
  return { daemon, client: daemon as unknown as DockerClient, sinces, stop };
}

/** Follows until the daemon's scripts are played; returns the types of what the engine was given. */
async function follow(world: ReturnType<typeof skewedDaemon>, onDispatch: (types: string[]) => void = () => undefined): Promise<string[]> {
  const types: string[] = [];
  const engine = {
    dispatch: (e: { type: string }) => {
      types.push(e.type);
      onDispatch(types);
    },
  } as unknown as LessonEngine;
  await followDaemon(world.client, new DaemonClock(world.daemon, () => new Date(TUTOR_NOW)), undefined, engine, world.stop.signal);
  return types;
}

const event = (timeMs: number): DockerEvent => ({ type: "container", action: "create", actorId: "c1", attributes: {}, timeMs });

describe("followDaemon: the event stream's since is on the daemon's clock", () => {
  it.each([
    ["ten minutes behind (since on the tutor's clock would miss every event)", -10 * MINUTE],
    ["ten minutes ahead (since on the tutor's clock would replay ten minutes)", 10 * MINUTE],
  ])("a daemon %s: the stream starts a second before the daemon's own now", async (_, skew) => {
    const world = skewedDaemon(skew, []);
    expect(await follow(world)).toEqual([]);
    expect(world.sinces).toEqual([TUTOR_NOW + skew - 1000]);
  });

  it("after a break, resumes from the last event's own time", async () => {
    const skew = -10 * MINUTE;
    const last = TUTOR_NOW + skew - 5000;
    const world = skewedDaemon(skew, [[event(last - 200), event(last)]]);
    expect(await follow(world)).toEqual(["daemon", "daemon", "daemon-lost", "daemon-back"]);
    expect(world.sinces).toEqual([TUTOR_NOW + skew - 1000, last]);
  });

  it("after a break in which the daemon's clock was set back, resumes from its new now, not from its future", async () => {
    const world = skewedDaemon(0, [[event(TUTOR_NOW - 100)]]);
    const types = await follow(world, (t) => {
      if (t.at(-1) === "daemon-lost") world.daemon.skewMs = -5 * MINUTE;
    });
    expect(types).toEqual(["daemon", "daemon-lost", "daemon-back"]);
    expect(world.sinces).toEqual([TUTOR_NOW - 1000, TUTOR_NOW - 5 * MINUTE - 1000]);
  });

  it("a playground node's stream starts from the node's own now: no since on the tutor's clock", async () => {
    const stop = new AbortController();
    const nodeSinces: (Date | undefined)[] = [];
    const node = {
      events: ({ since }: { since?: Date }) => {
        nodeSinces.push(since);
        stop.abort();
        return (async function* () {})();
      },
    };
    const nodes = {
      addresses: async () => [{ node: "node1", address: "10.0.0.2" }],
      client: async () => node,
    } as unknown as PlaygroundNodes;
    const daemon = skewedDaemon(0, [[]]).daemon;
    const host = { ...daemon, events: () => (async function* () {})() } as unknown as DockerClient;
    const engine = { dispatch: () => undefined } as unknown as LessonEngine;
    await followDaemon(host, new DaemonClock(daemon, () => new Date(TUTOR_NOW)), nodes, engine, stop.signal);
    expect(nodeSinces).toEqual([undefined]);
  });

  it("a watcher sees each of the daemon's events first, and the engine gets what it returns", async () => {
    const world = skewedDaemon(0, [[event(TUTOR_NOW - 300), event(TUTOR_NOW - 200)]]);
    const seen: number[] = [];
    const given: string[] = [];
    const engine = {
      dispatch: (e: { type: string; event?: DockerEvent }) => {
        if (e.event) given.push(e.event.action);
      },
    } as unknown as LessonEngine;
    const watcher = (e: DockerEvent) => {
      seen.push(e.timeMs);
      return { ...e, action: `seen ${e.action}` };
    };
    await followDaemon(
      world.client,
      new DaemonClock(world.daemon, () => new Date(TUTOR_NOW)),
      undefined,
      engine,
      world.stop.signal,
      watcher,
    );
    expect(seen).toEqual([TUTOR_NOW - 300, TUTOR_NOW - 200]);
    expect(given).toEqual(["seen create", "seen create"]);
  });
});
