import { describe, expect, it } from "vitest";
import { learnerActions } from "../../../src/checks/learner-actions.js";
import { EventCompleter, type EventLookups, type ExecSession } from "../../../src/docker/complete-events.js";
import { TutorExecs } from "../../../src/docker/tutor-execs.js";
import type { DockerEvent } from "../../../src/docker/views.js";

const CONTAINER = "c".repeat(64);
const NETWORK_ID = "n".repeat(64);

const event = (type: string, action: string, attributes: Record<string, string> = {}, actorId = CONTAINER): DockerEvent => ({
  type,
  action,
  actorId,
  attributes,
  timeMs: 1000,
});

function lookups(sessions: ExecSession[]): EventLookups {
  return {
    execSessions: async (id) => (id === CONTAINER ? sessions : []),
    networkId: async (name) => (name === "my-bridge" ? NETWORK_ID : undefined),
  };
}

const session = (id: string, command: string, running: boolean, exitCode?: number): ExecSession => ({ id, command, running, exitCode });

describe("EventCompleter: Podman's exec and network events in Docker's shape", () => {
  it("Podman's `exec` becomes `exec_start: COMMAND` with the session's id; `exec_died` becomes `exec_die` with its exit code", async () => {
    const sessions = [session("s1", "ping -c 1 10.88.0.7", true)];
    const completer = new EventCompleter(lookups(sessions));
    const started = await completer.complete(event("container", "exec", { name: "pinger" }));
    expect(started).toMatchObject({ action: "exec_start: ping -c 1 10.88.0.7", attributes: { execID: "s1", name: "pinger" } });
    sessions[0] = session("s1", "ping -c 1 10.88.0.7", false, 0);
    const ended = await completer.complete(event("container", "exec_died", { containerExitCode: "0" }));
    expect(ended).toMatchObject({ action: "exec_die", attributes: { execID: "s1", exitCode: "0" } });
    // and the learner's actions read as on Docker
    expect(learnerActions([started, ended])).toEqual([
      {
        kind: "exec",
        containerId: CONTAINER,
        execId: "s1",
        command: "ping -c 1 10.88.0.7",
        words: ["ping", "-c", "1", "10.88.0.7"],
        exitCode: 0,
        timeMs: 1000,
      },
    ]);
  });

  it("a start whose session cannot be read yet (not listed, or listed without its command) is read again before it is given up", async () => {
    const sessions: ExecSession[] = [];
    const waits: number[] = [];
    const completer = new EventCompleter(lookups(sessions), {
      pause: async (ms) => {
        waits.push(ms);
        // the daemon lists the session, first without its command, then with it
        if (waits.length === 1) sessions.push(session("s1", "", true));
        else sessions[0] = session("s1", "ping -c 3 back", true);
      },
    });
    const started = await completer.complete(event("container", "exec"));
    expect(started).toMatchObject({ action: "exec_start: ping -c 3 back", attributes: { execID: "s1" } });
    expect(waits).toEqual([100, 300]);
  });

  it("a start whose session never shows is passed on without one, after three more reads", async () => {
    const waits: number[] = [];
    const completer = new EventCompleter(lookups([]), { pause: async (ms) => void waits.push(ms) });
    expect(await completer.complete(event("container", "exec"))).toMatchObject({ action: "exec_start" });
    expect(waits).toEqual([100, 300, 600]);
  });

  it("an old start from the daemon's history whose session is gone is passed on at once, with one read", async () => {
    const waits: number[] = [];
    let reads = 0;
    const counted: EventLookups = {
      ...lookups([]),
      execSessions: async () => {
        reads += 1;
        return [];
      },
    };
    const completer = new EventCompleter(counted, { pause: async (ms) => void waits.push(ms), worthReadingAgain: () => false });
    expect(await completer.complete(event("container", "exec"))).toMatchObject({ action: "exec_start" });
    expect(waits).toEqual([]);
    expect(reads).toBe(1);
  });

  it("each session is given to one start only: two execs, two ids", async () => {
    const completer = new EventCompleter(lookups([session("s1", "ls /", false, 0), session("s2", "ls /tmp", false, 0)]));
    const first = await completer.complete(event("container", "exec"));
    const second = await completer.complete(event("container", "exec"));
    expect(new Set([first.attributes.execID, second.attributes.execID])).toEqual(new Set(["s1", "s2"]));
  });

  it("read back once all have ended, in whatever order the container lists them, the learner's exec among the tutor's probes keeps its command", async () => {
    // Three probes of the tutor's (nslookup, every 250 ms) and the learner's ping between the first two.
    const probes = new TutorExecs();
    let now = 0;
    probes.useClock(() => now);
    const probe = (id: string, from: number, to: number) => {
      now = from;
      probes.add(id);
      now = to;
      probes.ended(id);
    };
    probe("p1", 1000, 1100);
    probe("p2", 1350, 1450);
    probe("p3", 1700, 1800);
    const listed = [
      session("p3", "nslookup back", false, 1),
      session("me", "ping -c 3 10.89.0.2", false, 0),
      session("p1", "nslookup back", false, 1),
      session("p2", "nslookup back", false, 1),
    ];
    for (const order of [listed, [...listed].reverse()]) {
      const completer = new EventCompleter(lookups(order), { tutorExecs: probes });
      const at = (timeMs: number, action: string, attributes: Record<string, string> = {}) =>
        completer.complete({ ...event("container", action, attributes), timeMs });
      const events = [
        await at(1010, "exec"),
        await at(1090, "exec_died", { containerExitCode: "1" }),
        await at(1200, "exec"),
        await at(1360, "exec"),
        await at(1440, "exec_died", { containerExitCode: "1" }),
        await at(1710, "exec"),
        await at(1790, "exec_died", { containerExitCode: "1" }),
        await at(2300, "exec_died", { containerExitCode: "0" }),
      ];
      const learners = events.filter((e) => !(e.attributes.execID && probes.has(e.attributes.execID)));
      expect(learnerActions(learners)).toMatchObject([{ execId: "me", command: "ping -c 3 10.89.0.2", exitCode: 0, timeMs: 1200 }]);
      expect(events.map((e) => e.attributes.execID)).toEqual(["p1", "p1", "me", "p2", "p2", "p3", "p3", "me"]);
    }
  });

  it("with no probe of the tutor's running at its time, a start goes to a session not the tutor's", async () => {
    const probes = new TutorExecs();
    probes.useClock(() => 5000);
    probes.add("probe");
    probes.ended("probe");
    const completer = new EventCompleter(lookups([session("probe", "ls /hello.txt", false, 0), session("mine", "ls /", false, 0)]), {
      tutorExecs: probes,
    });
    expect(await completer.complete({ ...event("container", "exec"), timeMs: 1000 })).toMatchObject({ attributes: { execID: "mine" } });
    expect(await completer.complete({ ...event("container", "exec"), timeMs: 5010 })).toMatchObject({ attributes: { execID: "probe" } });
  });

  it("an end goes to the started session with the same exit code", async () => {
    const completer = new EventCompleter(lookups([session("s1", "true", false, 0), session("s2", "false", false, 1)]));
    await completer.complete(event("container", "exec"));
    await completer.complete(event("container", "exec"));
    const ended = await completer.complete(event("container", "exec_died", { containerExitCode: "1" }));
    expect(ended.attributes).toMatchObject({ execID: "s2", exitCode: "1" });
  });

  it("no session to be found (the container is gone): still Docker's action names, with no id", async () => {
    const completer = new EventCompleter(lookups([]));
    expect((await completer.complete(event("container", "exec", {}, "gone"))).action).toBe("exec_start");
    expect(await completer.complete(event("container", "exec_died", { containerExitCode: "2" }, "gone"))).toMatchObject({
      action: "exec_die",
      attributes: { exitCode: "2" },
    });
  });

  it("Podman 5's network connect: the network becomes the actor, the container an attribute", async () => {
    const completer = new EventCompleter(lookups([]));
    const plugged = await completer.complete(event("network", "disconnect", { name: "pinger", network: "my-bridge" }));
    expect(plugged).toMatchObject({ actorId: NETWORK_ID, attributes: { container: CONTAINER, name: "my-bridge" } });
    expect(learnerActions([plugged])).toEqual([
      { kind: "disconnect", containerId: CONTAINER, networkId: NETWORK_ID, networkName: "my-bridge", timeMs: 1000 },
    ]);
  });

  it.each([
    event("container", "exec_start: ls /", { execID: "e1" }),
    event("container", "exec_die", { execID: "e1", exitCode: "0" }),
    event("network", "connect", { container: CONTAINER, name: "my-bridge", type: "bridge" }, NETWORK_ID),
    event("container", "start"),
  ])("Docker's own events pass unchanged: $action", async (docker) => {
    const completer = new EventCompleter({
      execSessions: async () => {
        throw new Error("Docker's events need no lookup");
      },
      networkId: async () => {
        throw new Error("Docker's events need no lookup");
      },
    });
    expect(await completer.complete(docker)).toBe(docker);
  });
});
