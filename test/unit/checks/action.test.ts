import { describe, expect, it } from "vitest";
import type { CheckContext } from "../../../src/checks/check.js";
import { isActionEvent, learnerActions } from "../../../src/checks/learner-actions.js";
import { evaluateCheck } from "../../../src/checks/registry.js";
import type { DockerReader } from "../../../src/docker/reader.js";
import type { ContainerDetails, ContainerSummary, DockerEvent, NetworkDetails } from "../../../src/docker/views.js";
import { type CheckSpec, checkSchema } from "../../../src/lessons/schema.js";

const STEP = Date.parse("2026-12-06T10:05:00Z");
const LESSON = Date.parse("2026-12-06T10:00:00Z");

const exec = (container: string, execId: string, command: string, timeMs = STEP + 1000): DockerEvent => ({
  type: "container",
  action: `exec_start: ${command}`,
  actorId: container,
  attributes: { execID: execId, name: container },
  timeMs,
});
const died = (container: string, execId: string, exitCode: number, timeMs = STEP + 3000): DockerEvent => ({
  type: "container",
  action: "exec_die",
  actorId: container,
  attributes: { execID: execId, exitCode: String(exitCode) },
  timeMs,
});
const plug = (action: "connect" | "disconnect", container: string, network: string): DockerEvent => ({
  type: "network",
  action,
  actorId: `net-${network}`,
  attributes: { container, name: network, type: "bridge" },
  timeMs: STEP + 500,
});

interface FakeContainer {
  readonly id: string;
  readonly name: string;
  readonly image?: string;
  readonly cmd?: string[];
  readonly created?: number;
  readonly labels?: Record<string, string>;
  readonly networks?: readonly { readonly network: string; readonly ipv4: string }[];
}

/** A daemon of a few containers and the events of the step, as one check round would see them. */
function contextOf(containers: FakeContainer[], events: DockerEvent[] | undefined, stepStarted = true): CheckContext {
  const details = (c: FakeContainer): ContainerDetails =>
    ({
      id: c.id,
      name: c.name,
      image: c.image ?? "alpine",
      cmd: c.cmd ?? ["sleep", "infinity"],
      command: c.cmd ?? ["sleep", "infinity"],
      created: new Date(c.created ?? LESSON + 1000),
      running: true,
      status: "running",
      labels: c.labels ?? {},
      networks: (c.networks ?? []).map((n) => n.network),
    }) as Partial<ContainerDetails> as ContainerDetails;
  const networkNames = [...new Set(containers.flatMap((c) => (c.networks ?? []).map((n) => n.network)))];
  const network = (name: string): NetworkDetails =>
    ({
      name,
      containers: containers.flatMap((c) =>
        (c.networks ?? []).filter((n) => n.network === name).map((n) => ({ id: c.id, name: c.name, ipv4: n.ipv4 })),
      ),
    }) as Partial<NetworkDetails> as NetworkDetails;
  const docker = {
    listContainers: async () =>
      containers.map(
        (c) =>
          ({
            id: c.id,
            name: c.name,
            image: c.image ?? "alpine",
            created: new Date(c.created ?? LESSON + 1000),
            labels: c.labels ?? {},
          }) as Partial<ContainerSummary>,
      ),
    inspectContainer: async (idOrName: string) => {
      const found = containers.find((c) => c.id === idOrName || c.name === idOrName);
      return found && details(found);
    },
    inspectNetwork: async (name: string) => (networkNames.includes(name) ? network(name) : undefined),
  } as unknown as DockerReader;
  return {
    docker,
    scope: { startedAt: new Date(LESSON), preexistingContainerIds: new Set(), ...(stepStarted ? { stepStartedAt: new Date(STEP) } : {}) },
    httpGet: async () => ({ status: 200, body: "" }),
    ...(events ? { stepEvents: async () => events } : {}),
  };
}

const spec = (fields: Record<string, unknown>): CheckSpec => checkSchema.parse({ kind: "action", ...fields });

describe("learnerActions: the daemon's events as what the learner did", () => {
  it("an exec is known by its start and takes the exit code of its die", () => {
    const actions = learnerActions([exec("c1", "e1", "ping -c 3 172.17.0.2"), died("c1", "e1", 0), exec("c1", "e2", "ls")]);
    expect(actions).toEqual([
      expect.objectContaining({ kind: "exec", containerId: "c1", command: "ping -c 3 172.17.0.2", exitCode: 0 }),
      expect.objectContaining({ kind: "exec", containerId: "c1", command: "ls", exitCode: undefined }),
    ]);
  });

  it("a start, and a network's connect and disconnect, name the container they were done to", () => {
    const start: DockerEvent = { type: "container", action: "start", actorId: "c1", attributes: {}, timeMs: STEP };
    expect(learnerActions([start, plug("disconnect", "c2", "my-bridge")])).toEqual([
      { kind: "start", containerId: "c1", timeMs: STEP },
      { kind: "disconnect", containerId: "c2", networkId: "net-my-bridge", networkName: "my-bridge", timeMs: STEP + 500 },
    ]);
  });

  it.each([
    [exec("c", "e", "ls"), true],
    [died("c", "e", 0), true],
    [plug("connect", "c", "n"), true],
    [{ type: "container", action: "create", actorId: "c", attributes: {}, timeMs: 0 }, false],
    [{ type: "image", action: "pull", actorId: "alpine", attributes: {}, timeMs: 0 }, false],
  ] as const)("isActionEvent(%j) → %s", (event, expected) => expect(isActionEvent(event)).toBe(expected));
});

describe("action check: exec", () => {
  const shell = { id: "ash1", name: "brave_bohr", cmd: ["/bin/ash"] };
  const step9 = spec({ action: "exec", image: "alpine", command: "/bin/ash", since: "lesson", program: "ls" });

  it("passes on the learner's `ls` in the container, and says so", async () => {
    const result = await evaluateCheck(step9, contextOf([shell], [exec("ash1", "e1", "ls")]));
    expect(result.pass).toBe(true);
    expect(result.expected).toBe(
      "you run `ls` in your `alpine` container that ran `/bin/ash` with `docker container exec` during this step",
    );
    expect(result.actual).toBe("you ran `ls` in your `alpine` container ash1 since this step began");
  });

  it("with no exec of the learner's in the step, says so, and that the tutor's own checks do not count", async () => {
    const result = await evaluateCheck(
      spec({ action: "exec", name: "shell", program: "ls" }),
      contextOf([{ ...shell, name: "shell" }], []),
    );
    expect(result.pass).toBe(false);
    expect(result.expected).toBe("you run `ls` in container `shell` with `docker container exec` during this step");
    expect(result.actual).toBe("no exec in container `shell` since this step began (the tutor's own checks do not count)");
  });

  it("an exec of another program names what ran", async () => {
    const result = await evaluateCheck(step9, contextOf([shell], [exec("ash1", "e1", "sh")]));
    expect(result).toMatchObject({
      pass: false,
      actual: "the last exec in your `alpine` container ash1 since this step began, `sh`, runs `sh`, not `ls`",
    });
  });

  it("an exec in another container does not count", async () => {
    const other = { id: "sh2", name: "eager_euler", cmd: ["/bin/sh"] };
    const result = await evaluateCheck(step9, contextOf([shell, other], [exec("sh2", "e1", "ls")]));
    expect(result.pass).toBe(false);
  });

  it("without the step's events (no step followed), fails saying why", async () => {
    const result = await evaluateCheck(step9, contextOf([shell], undefined));
    expect(result.actual).toContain("follows no step");
  });

  it("without a recorded step start, speaks of the lesson's start", async () => {
    const result = await evaluateCheck(spec({ action: "exec", name: "shell" }), contextOf([{ ...shell, name: "shell" }], [], false));
    expect(result.expected).toContain("since the lesson began");
    expect(result.actual).toContain("since the lesson began");
  });
});

describe("action check: a ping answered, by address or by name", () => {
  const sleeper = { id: "s1", name: "sleeper", networks: [{ network: "bridge", ipv4: "172.17.0.2" }] };
  const pinger = { id: "p1", name: "pinger", networks: [{ network: "bridge", ipv4: "172.17.0.3" }] };
  const byAddress = spec({ action: "exec", name: "pinger", program: "ping", addressOf: "sleeper", exitCode: 0 });

  it("passes on a ping to the address that exited with 0", async () => {
    const events = [exec("p1", "e1", "ping -c 3 172.17.0.2"), died("p1", "e1", 0)];
    const result = await evaluateCheck(byAddress, contextOf([sleeper, pinger], events));
    expect(result.pass).toBe(true);
    expect(result.actual).toBe("you ran `ping -c 3 172.17.0.2` in container `pinger` since this step began; it exited with code 0");
  });

  it.each([
    [
      "a ping by name",
      [exec("p1", "e1", "ping -c 1 sleeper"), died("p1", "e1", 1)],
      "is not given the address of container `sleeper` (`172.17.0.2`)",
    ],
    ["a ping that was not answered", [exec("p1", "e1", "ping -c 1 172.17.0.2"), died("p1", "e1", 1)], "exited with code 1, not 0"],
    ["a ping still running", [exec("p1", "e1", "ping 172.17.0.2")], "is still running"],
  ])("%s fails, naming what differs", async (_, events, miss) => {
    const result = await evaluateCheck(byAddress, contextOf([sleeper, pinger], events));
    expect(result.pass).toBe(false);
    expect(result.actual).toContain(miss);
  });

  it("a later answered ping wins over an earlier failed one", async () => {
    const events = [
      exec("p1", "e1", "ping -c 1 sleeper"),
      died("p1", "e1", 1, STEP + 1500),
      exec("p1", "e2", "ping -c 3 172.17.0.2"),
      died("p1", "e2", 0),
    ];
    expect((await evaluateCheck(byAddress, contextOf([sleeper, pinger], events))).pass).toBe(true);
  });

  it("by name: one of its arguments is the name", async () => {
    const db = { id: "d1", name: "db" };
    const byName = spec({ action: "exec", name: "db", program: "ping", argument: "app", exitCode: 0 });
    const events = [exec("d1", "e1", "/bin/ping -c 3 app"), died("d1", "e1", 0)];
    expect((await evaluateCheck(byName, contextOf([db], events))).pass).toBe(true);
    expect((await evaluateCheck(byName, contextOf([db], [exec("d1", "e1", "ping -c 3 web"), died("d1", "e1", 0)]))).actual).toContain(
      "does not name `app`",
    );
  });
});

describe("action check: unplugging a container", () => {
  const pinger = { id: "p1", name: "pinger" };
  const unplug = spec({ action: "disconnect", name: "pinger", network: "my-bridge" });

  it("passes on a disconnect from the network during the step", async () => {
    const result = await evaluateCheck(
      unplug,
      contextOf([pinger], [plug("connect", "p1", "my-bridge"), plug("disconnect", "p1", "my-bridge")]),
    );
    expect(result).toMatchObject({ pass: true, actual: "you unplugged container `pinger` from network `my-bridge` since this step began" });
    expect(result.expected).toBe(
      "you unplug container `pinger` from network `my-bridge` with `docker network disconnect` during this step",
    );
  });

  it("a skipped plug-in step, and so no disconnect now, can never pass", async () => {
    const result = await evaluateCheck(unplug, contextOf([pinger], []));
    expect(result).toMatchObject({
      pass: false,
      actual: "nobody unplugged container `pinger` from network `my-bridge` since this step began",
    });
  });

  it("a disconnect from another network, or of another container, does not count", async () => {
    const events = [plug("disconnect", "p1", "other"), plug("disconnect", "x9", "my-bridge")];
    expect((await evaluateCheck(unplug, contextOf([pinger], events))).pass).toBe(false);
  });

  // Podman 4's disconnect event names the container only (complete-events.ts leaves the network empty).
  const unnamed: DockerEvent = {
    type: "network",
    action: "disconnect",
    actorId: "",
    attributes: { container: "p1", name: "" },
    timeMs: STEP + 500,
  };

  it("a disconnect that does not say from which network counts when the container is off that network now", async () => {
    expect((await evaluateCheck(unplug, contextOf([pinger], [unnamed]))).pass).toBe(true);
  });

  it("…and not while the container is still on it (it was unplugged from another)", async () => {
    const stillOn = { ...pinger, networks: [{ network: "my-bridge", ipv4: "10.89.0.4" }] };
    expect((await evaluateCheck(unplug, contextOf([stillOn], [unnamed]))).pass).toBe(false);
  });
});

describe("action check: the format", () => {
  it.each([
    [{ action: "start", name: "x", program: "ls" }, "are for action: exec"],
    [{ action: "exec", name: "x", network: "n" }, "network is for action: connect or disconnect"],
  ])("%j is refused", (fields, message) => {
    const parsed = checkSchema.safeParse({ kind: "action", ...fields });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain(message);
  });
});
