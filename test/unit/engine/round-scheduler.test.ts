import { describe, expect, it } from "vitest";
import type { DockerEvent } from "../../../src/docker/views.js";
import { RoundScheduler } from "../../../src/engine/round-scheduler.js";

const event = (action: string, attributes: Record<string, string> = {}): DockerEvent => ({
  type: "container",
  action,
  actorId: "c1",
  attributes,
  timeMs: 1,
});

function scheduler() {
  const warnings: string[] = [];
  let rounds = 0;
  let release: () => void = () => undefined;
  let hold: Promise<void> | undefined;
  const s = new RoundScheduler({
    round: async () => {
      rounds += 1;
      if (hold) await hold;
    },
    wakes: (e) => e.action !== "exec_start",
    warn: (w) => warnings.push(w),
  });
  return {
    s,
    warnings,
    rounds: () => rounds,
    /** Rounds wait until `open()` from now on. */
    block: () => {
      hold = new Promise((resolve) => {
        release = resolve;
      });
    },
    open: () => {
      hold = undefined;
      release();
    },
  };
}

describe("RoundScheduler: check rounds while every step is watched", () => {
  it("a burst of events costs two rounds: the one running, and one queued that the rest join", async () => {
    const t = scheduler();
    t.block();
    t.s.dispatch({ type: "daemon", event: event("create") });
    while (t.rounds() === 0) await new Promise((resolve) => setImmediate(resolve));
    for (let i = 0; i < 10; i++) t.s.dispatch({ type: "daemon", event: event("start") });
    t.open();
    await t.s.idle();
    expect(t.rounds()).toBe(2);
  });

  it("events before the queued round begins are one round", async () => {
    const t = scheduler();
    for (let i = 0; i < 10; i++) t.s.dispatch({ type: "daemon", event: event("start") });
    await t.s.idle();
    expect(t.rounds()).toBe(1);
  });

  it("events of the tutor's own making start no round; a tick and the daemon's return do", async () => {
    const t = scheduler();
    t.s.dispatch({ type: "daemon", event: event("exec_start") });
    await t.s.idle();
    expect(t.rounds()).toBe(0);
    t.s.dispatch({ type: "tick" });
    await t.s.idle();
    t.s.dispatch({ type: "daemon-back" });
    await t.s.idle();
    expect(t.rounds()).toBe(2);
  });

  it("a lost daemon is said; a round that throws is said and the next one still runs", async () => {
    const warnings: string[] = [];
    let calls = 0;
    const s = new RoundScheduler({
      round: async () => {
        calls += 1;
        if (calls === 1) throw new Error("the daemon did not answer");
      },
      wakes: () => true,
      warn: (w) => warnings.push(w),
    });
    s.dispatch({ type: "daemon-lost", reason: "socket hang up" });
    s.request();
    await s.idle();
    s.request();
    await s.idle();
    expect(calls).toBe(2);
    expect(warnings[0]).toMatch(/^Lost the Docker daemon: .*checks again once it is back\.$/);
    expect(warnings[1]).toBe("the daemon did not answer");
  });
});
