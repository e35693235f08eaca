import { describe, expect, it } from "vitest";
import { DaemonClock, offsetOf } from "../../../src/docker/daemon-clock.js";
import { toDaemonInfo } from "../../../src/docker/map-views.js";

const MINUTE = 60_000;

/** A tutor clock the test moves, and a daemon whose clock is `skewMs` ahead of it (behind when negative). */
function world(skewMs: number, roundTripMs = 0) {
  let tutorMs = Date.parse("2026-12-06T10:00:00Z");
  let infoCalls = 0;
  const daemon = {
    skewMs,
    info: async () => {
      infoCalls += 1;
      // The daemon reads its clock halfway through the round trip.
      tutorMs += roundTripMs / 2;
      const systemTime = new Date(tutorMs + daemon.skewMs);
      tutorMs += roundTripMs / 2;
      return { systemTime };
    },
  };
  const clock = new DaemonClock(daemon, () => new Date(tutorMs));
  return {
    clock,
    daemon,
    tutorMs: () => tutorMs,
    advance: (ms: number) => {
      tutorMs += ms;
    },
    infoCalls: () => infoCalls,
  };
}

describe("DaemonClock", () => {
  it.each([
    ["ten minutes ahead", 10 * MINUTE],
    ["ten minutes behind", -10 * MINUTE],
    ["in step", 0],
  ])("a daemon %s: now is the daemon's, not the tutor's", async (_, skew) => {
    const w = world(skew, 40);
    const now = await w.clock.now();
    expect(now.getTime()).toBe(w.tutorMs() + skew);
  });

  it("asks the daemon once, then follows the tutor's clock with the offset", async () => {
    const w = world(-10 * MINUTE);
    const first = await w.clock.now();
    w.advance(5000);
    const later = await w.clock.now();
    expect(later.getTime() - first.getTime()).toBe(5000);
    expect(w.infoCalls()).toBe(1);
  });

  it("learns a jump of the daemon's clock when asked again (a VM that slept)", async () => {
    const w = world(0);
    expect((await w.clock.now()).getTime()).toBe(w.tutorMs());
    w.daemon.skewMs = -3 * MINUTE;
    expect((await w.clock.now()).getTime()).toBe(w.tutorMs());
    await w.clock.remeasure();
    expect((await w.clock.now()).getTime()).toBe(w.tutorMs() - 3 * MINUTE);
  });

  it("asks again after a daemon that did not answer", async () => {
    let answers = false;
    const clock = new DaemonClock(
      {
        info: async () => {
          if (!answers) throw new Error("connect ECONNREFUSED");
          return { systemTime: new Date("2026-12-06T11:00:00Z") };
        },
      },
      () => new Date("2026-12-06T10:00:00Z"),
    );
    await expect(clock.now()).rejects.toThrow("ECONNREFUSED");
    answers = true;
    expect((await clock.now()).toISOString()).toBe("2026-12-06T11:00:00.000Z");
  });
});

describe("offsetOf", () => {
  const sent = Date.parse("2026-12-06T10:00:00Z");
  it.each([
    ["the midpoint of the round trip", new Date(sent + 10 * MINUTE + 50), sent, sent + 100, 10 * MINUTE],
    ["a daemon behind", new Date(sent - 10 * MINUTE), sent, sent, -10 * MINUTE],
    ["no SystemTime: in step", undefined, sent, sent + 100, 0],
    ["an unreadable SystemTime: in step", new Date("not a time"), sent, sent, 0],
    // Podman reads its clock at the end of a two-second /info: the same machine's clock, not one a second ahead.
    ["a time within the round trip: in step", new Date(sent + 1990), sent, sent + 2000, 0],
    ["a time just after the round trip: ahead", new Date(sent + 2100), sent, sent + 2000, 1100],
  ])("%s", (_, daemonTime, sentAt, receivedAt, expected) => {
    expect(offsetOf(daemonTime, sentAt, receivedAt)).toBe(expected);
  });
});

describe("toDaemonInfo: SystemTime", () => {
  it.each([
    ["RFC 3339 with nanoseconds", "2026-12-06T10:17:46.360485303Z", "2026-12-06T10:17:46.360Z"],
    ["a zone offset", "2026-12-06T11:17:46.360485303+01:00", "2026-12-06T10:17:46.360Z"],
  ])("%s", (_, raw, iso) => {
    expect(toDaemonInfo({ SystemTime: raw }).systemTime?.toISOString()).toBe(iso);
  });

  it("absent: undefined, and the clock counts the daemon as in step", () => {
    expect(toDaemonInfo({}).systemTime).toBeUndefined();
  });
});
