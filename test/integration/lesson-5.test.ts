import { existsSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { mustShell, shell } from "../helpers/docker-cli.js";
import { pullImage, requireDaemon } from "../helpers/engine-api.js";
import { walkLesson } from "../helpers/lesson-harness.js";
import { failingChecksAfter, find, lessonVars } from "../helpers/lesson-walk.js";
import { runCli } from "../helpers/run-cli.js";
import { eventually } from "./checks/daemon-fixtures.js";

/**
 * Lesson 5 (swarm) against the real daemon: a walk of every step from no swarm (the lesson
 * starts one, and reset leaves it), a walk with a swarm that was there before (the first step is
 * true on arrival, and the swarm stays), and known-wrong attempts whose failures must name what
 * differs. Each test removes only the services, stacks and networks it named itself, and leaves
 * only a swarm that it, or the lesson it ran, started.
 */

const STEP_IDS = [
  "init-swarm",
  "node-ls",
  "managers-quorum",
  "create-overlay",
  "create-service",
  "find-tasks",
  "rolling-update",
  "deploy-stack",
  "inspect-stack",
  "scale-worker",
  "routing-mesh",
  "challenge-shop",
  "clean-up",
  "start-nodes",
  "init-on-node1",
  "join-node2",
  "spread-service",
  "drain-node2",
  "activate-node2",
  "swarm-vs-kubernetes",
];

/**
 * The lesson's variables: the swarm advertises the loopback address; `env`, the playground a walk
 * starts of its own (and removes), is `play-` and the suffix: short and lowercase, as a playground's name must be.
 */
const vars5 = () => lessonVars(5, { addr: "127.0.0.1" });

const swarmState = async () => (await mustShell("docker info --format '{{.Swarm.LocalNodeState}}'")).trim();
const networkNames = async () => (await mustShell("docker network ls --format '{{.Name}}'")).split("\n").map((n) => n.trim());

/** What this file made, removed after each test: stacks and services, their tasks, then networks. */
const made = { stacks: [] as string[], services: [] as string[], networks: [] as string[], dirs: [] as string[] };
/** Set while this file (or a lesson it ran) owns the active swarm: it is left after the test. */
let swarmToLeave: { gwbridgeBefore: boolean } | undefined;

function track(vars: Record<string, string>): void {
  made.stacks.push(vars.stack ?? "");
  made.services.push(vars.service ?? "", vars.shop ?? "");
  made.networks.push(vars.net ?? "");
}

async function removeMade(): Promise<void> {
  for (const stack of made.stacks) await shell(`docker stack rm ${stack}`);
  for (const service of made.services) await shell(`docker service rm ${service}`);
  // Removed services' tasks stop in the background (`sleep` ignores SIGTERM, so 10 s) and hold
  // their networks meanwhile; leaving the swarm before they are gone can strand the ingress network.
  const services = [...made.services, ...made.stacks.flatMap((s) => [`${s}_web`, `${s}_worker`])];
  const tasksLeft = async () => {
    for (const name of services) {
      if ((await shell(`docker ps -aq --filter label=com.docker.swarm.service.name=${name}`)).output.trim() !== "") return true;
    }
    return false;
  };
  await eventually("the tasks of the services this file made are gone", async () => !(await tasksLeft()), 40_000).catch(() => undefined);
  const present = await networkNames();
  for (const network of [...made.networks, ...made.stacks.map((s) => `${s}_default`)]) {
    if (present.includes(network)) await shell(`docker network rm ${network}`);
  }
  for (const dir of made.dirs) rmSync(dir, { recursive: true, force: true });
  made.stacks = [];
  made.services = [];
  made.networks = [];
  made.dirs = [];
}

/** Starts a swarm for this file; refuses to use one it did not start (that one is somebody's). */
async function startOwnSwarm(): Promise<void> {
  const state = await swarmState();
  if (state !== "inactive") {
    throw new Error(
      `this test starts its own swarm, but the daemon's swarm state is already "${state}", and that swarm was not started ` +
        "by this test file, so the test neither uses nor leaves it. Leave it with `docker swarm leave --force` if it is yours.",
    );
  }
  const gwbridgeBefore = (await networkNames()).includes("docker_gwbridge");
  await mustShell("docker swarm init --advertise-addr 127.0.0.1");
  swarmToLeave = { gwbridgeBefore };
}

/** After a swarm this file owned is left: no `ingress` remains, nor a `docker_gwbridge` that `swarm init` added. */
async function tidyAfterLeaving(gwbridgeBefore: boolean): Promise<void> {
  const ingressGone = () =>
    eventually("the ingress network is gone", async () => !(await networkNames()).includes("ingress"), 10_000).then(
      () => true,
      () => false,
    );
  if (!(await ingressGone())) {
    // Engine 20.10 sometimes keeps a stale `ingress` when a node leaves while tasks still stop;
    // joining and leaving once more clears it (as daemon-fixtures.ts does).
    await mustShell("docker swarm init --advertise-addr 127.0.0.1");
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await mustShell("docker swarm leave --force");
    if (!(await ingressGone())) throw new Error("the daemon kept a stale `ingress` network after leaving the swarm");
  }
  if (gwbridgeBefore || !(await networkNames()).includes("docker_gwbridge")) return;
  await eventually("docker_gwbridge is removed", async () => (await shell("docker network rm docker_gwbridge")).code === 0, 15_000);
}

afterEach(async () => {
  await removeMade();
  const owned = swarmToLeave;
  swarmToLeave = undefined;
  if (!owned) return;
  if ((await swarmState()) === "active") await mustShell("docker swarm leave --force");
  await tidyAfterLeaving(owned.gwbridgeBefore);
});

beforeAll(async () => {
  await requireDaemon();
  // Present before any lesson starts, so no walk counts them as the lesson's (and removes them).
  await pullImage("alpine");
  await pullImage("nginx");
});

/**
 * The lesson workspace a walk made, removed with what the test made: a new `dtt-swarm-XXXXXX`
 * (mkdtemp's six characters, so other tests' `dtt-swarm-plan-…` folders never match) holding the
 * lesson's compose file. The walk's data dir comes back with its result.
 */
function newWorkspaces(before: ReadonlySet<string>): string[] {
  return readdirSync(tmpdir())
    .filter((name) => /^dtt-swarm-[A-Za-z0-9]{6}$/.test(name) && !before.has(name))
    .map((name) => join(tmpdir(), name))
    .filter((dir) => existsSync(join(dir, "docker-stack.yml")));
}

describe("lesson 5 (swarm): walks", () => {
  it("walks every step from no swarm with unique names and a free port; reset leaves the swarm it started", async () => {
    const state = await swarmState();
    if (state !== "inactive") {
      throw new Error(
        `this walk must begin outside a swarm, but the daemon's swarm state is "${state}". That swarm was not started by ` +
          "this test, so it is not left for you: leave it with `docker swarm leave --force` if it is yours, then run again.",
      );
    }
    // Whatever swarm is active from here on was started by the lesson this test runs.
    swarmToLeave = { gwbridgeBefore: (await networkNames()).includes("docker_gwbridge") };
    const vars = await vars5();
    track(vars);
    const folders = new Set(readdirSync(tmpdir()));
    try {
      const { steps, leftBehind, harness } = await walkLesson(5, vars, { trueOnArrival: ["start-nodes"], timeoutMs: 60_000 });
      made.dirs.push(harness.dataDir);
      expect(steps.map((s) => s.id)).toEqual(STEP_IDS);
      expect(steps.find((s) => s.id === "init-swarm")?.failedBefore).toEqual(["this daemon is in an active swarm as a manager"]);
      expect(leftBehind).toEqual([]);
      expect(await mustShell(`docker ps -aq --filter label=docker-tutor.env=${vars.env}`)).toBe("");
      // The lesson found no swarm, so the ownership rules left the one it started.
      expect(await swarmState()).toBe("inactive");
    } finally {
      made.dirs.push(...newWorkspaces(folders));
    }
  }, 300_000);

  // The one-node part only: the two-node part runs on the playground's own swarms, which the
  // daemon's swarm does not touch (the walk above covers it).
  it("with a swarm already active, the first step is true on arrival, the one-node part completes, and the swarm stays", async () => {
    await startOwnSwarm();
    const vars = await vars5();
    track(vars);
    const folders = new Set(readdirSync(tmpdir()));
    try {
      const { steps, leftBehind, harness } = await walkLesson(5, vars, {
        trueOnArrival: ["init-swarm"],
        timeoutMs: 60_000,
        until: "start-nodes",
      });
      made.dirs.push(harness.dataDir);
      expect(steps.map((s) => s.id)).toEqual(STEP_IDS.slice(0, STEP_IDS.indexOf("start-nodes")));
      expect(leftBehind).toEqual([]);
      // A swarm that was there before the lesson is used, never left.
      expect(await swarmState()).toBe("active");
    } finally {
      made.dirs.push(...newWorkspaces(folders));
    }
  }, 300_000);
});

describe("lesson 5 (swarm): known-wrong attempts", () => {
  let owned: { gwbridgeBefore: boolean } | undefined;
  beforeAll(async () => {
    await startOwnSwarm();
    // Kept for the whole block: afterEach must not leave it between these tests.
    owned = swarmToLeave;
    swarmToLeave = undefined;
  });
  afterAll(async () => {
    await removeMade();
    if (!owned) return;
    await mustShell("docker swarm leave --force");
    await tidyAfterLeaving(owned.gwbridgeBefore);
  });

  it("a network made without -d overlay fails, naming the bridge driver and local scope", async () => {
    const vars = await vars5();
    const { net } = vars as { net: string };
    const failed = await failingChecksAfter(5, "create-overlay", vars, async () => {
      made.networks.push(net);
      await mustShell(`docker network create ${net}`);
    });
    const network = find(failed, "network");
    expect(network.expected).toBe(`network \`${net}\` exists and uses the driver \`overlay\` and has scope \`swarm\``);
    expect(network.actual).toBe(`network \`${net}\` uses the driver \`bridge\`, not \`overlay\``);
  }, 60_000);

  it("the service created without --network fails: it is on no network, and tasks.<service> does not answer", async () => {
    const vars = await vars5();
    const { net, service } = vars as { net: string; service: string };
    const failed = await failingChecksAfter(5, "create-service", vars, async () => {
      made.networks.push(net);
      made.services.push(service);
      await mustShell(`docker network create -d overlay ${net}`);
      await mustShell(`docker service create --name ${service} --replicas 2 alpine sleep 1d`);
    });
    const svc = find(failed, "service");
    expect(svc.expected).toContain(`is on network \`${net}\``);
    expect(svc.actual).toBe(`service \`${service}\` is not on network \`${net}\` (it is on none)`);
    const exec = find(failed, "exec");
    expect(exec.expected).toBe(`in a running task of service \`${service}\`, \`ping -c 1 -W 2 tasks.${service}\` exits with code 0`);
    expect(exec.actual).toContain(`ran \`ping -c 1 -W 2 tasks.${service}\`, which exited with code 1, not 0`);
    expect(exec.actual).toContain(`bad address 'tasks.${service}'`);
  }, 90_000);

  it("one replica instead of two fails, naming both counts", async () => {
    const vars = await vars5();
    const { net, service } = vars as { net: string; service: string };
    const failed = await failingChecksAfter(5, "create-service", vars, async () => {
      made.networks.push(net);
      made.services.push(service);
      await mustShell(`docker network create -d overlay ${net}`);
      await mustShell(`docker service create --name ${service} --network ${net} --replicas 1 alpine sleep 1d`);
    });
    expect(failed.map((r) => r.kind)).toEqual(["service"]);
    const svc = find(failed, "service");
    expect(svc.expected).toContain("has 2 tasks running");
    expect(svc.actual).toBe(`service \`${service}\` has 1 task running, not 2`);
  }, 90_000);
});

describe("lesson 5 (swarm): the two-node part, known-wrong attempts", () => {
  it("node2 joined with the manager token fails the join step, naming its role; env down leaves nothing of the playground", async () => {
    const vars = await vars5();
    const env = vars.env ?? "";
    const up = await runCli(["env", "up", "--nodes", "2", "--name", env]);
    expect(up.code, up.stdout + up.stderr).toBe(0);
    try {
      const onNode = async (node: string, line: string) => (await mustShell(`docker exec ${env}-${node} ${line}`)).trim();
      const address = (await onNode("node1", "hostname -i")).split(/\s+/)[0] ?? "";
      const failed = await failingChecksAfter(5, "join-node2", vars, async () => {
        await onNode("node1", `docker swarm init --advertise-addr ${address}`);
        const token = await onNode("node1", "docker swarm join-token -q manager");
        await onNode("node2", `docker swarm join --token ${token} ${address}:2377`);
      });
      const swarm = find(failed, "swarm");
      expect(swarm.expected).toBe("on node2: this daemon is in an active swarm as a worker");
      expect(swarm.actual).toBe("on node2: this daemon is in a swarm as a manager, not a worker");
    } finally {
      const down = await runCli(["env", "down", "--name", env]);
      expect(down.stdout).toContain(`The playground ${env} is gone: 5 removed.`);
      for (const kind of ["ps -a", "volume ls", "network ls"]) {
        expect(await mustShell(`docker ${kind} -q --filter label=docker-tutor.env=${env}`)).toBe("");
      }
    }
  }, 120_000);
});
