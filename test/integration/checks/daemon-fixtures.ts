/**
 * What the check and client integration tests share: a real client, a way to make state with the
 * docker CLI that records everything it made, and cleanup that removes exactly that.
 */
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll } from "vitest";
import type { CheckContext, CheckResult, LessonScope } from "../../../src/checks/check.js";
import { httpGet } from "../../../src/checks/http-get.js";
import { evaluateCheck } from "../../../src/checks/registry.js";
import type { DockerClient } from "../../../src/docker/client.js";
import { connectToDocker } from "../../../src/docker/connect.js";
import { realHostWorld } from "../../../src/docker/host-world.js";
import { createRound } from "../../../src/docker/round.js";
import { checkSchema } from "../../../src/lessons/schema.js";
import { requireDaemon, uniqueName } from "../../helpers/engine-api.js";

export { uniqueName };

/** Every resource a test makes carries this label, so a leftover is easy to find. */
export const TEST_LABEL = "docker-tutor.test=1";

const run = promisify(execFile);

/** The docker CLI, for making state the way a learner would. Resolves to trimmed stdout. */
export async function docker(...args: string[]): Promise<string> {
  const { stdout } = await run("docker", args, { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  return stdout.trim();
}

export async function connectClient(): Promise<DockerClient> {
  await requireDaemon();
  const config = mkdtempSync(join(tmpdir(), "dtt-config-"));
  const world = realHostWorld({ PATH: process.env.PATH, HOME: process.env.HOME, DOCKER_CONFIG: config });
  return (await connectToDocker({}, world)).client;
}

/** A lesson that begins now, with every container that exists already counted as pre-existing. */
export async function lessonStartingNow(client: DockerClient): Promise<LessonScope> {
  const containers = await client.listContainers({ all: true });
  return { startedAt: new Date(), preexistingContainerIds: new Set(containers.map((c) => c.id)) };
}

/** Evaluates one check as a lesson file would write it (schema defaults applied), in a fresh round. */
export function checker(client: DockerClient, scope: () => LessonScope) {
  return (spec: unknown, overrides: Partial<CheckContext> = {}): Promise<CheckResult> => {
    const context: CheckContext = { docker: createRound(client), scope: scope(), httpGet, ...overrides };
    return evaluateCheck(checkSchema.parse(spec), context);
  };
}

/** Records what a test made; `removeAll` removes exactly that, stacks and services first, images last. */
type Kind = "stack" | "service" | "container" | "network" | "volume" | "image";

export class Made {
  private readonly made: Record<Kind, string[]> = { stack: [], service: [], container: [], network: [], volume: [], image: [] };

  name(kind: Kind, prefix: string): string {
    return this.add(kind, uniqueName(prefix));
  }

  /** For things named by the daemon (an unnamed container's id) or by the test (an image tag). */
  add(kind: Kind, idOrName: string): string {
    this.made[kind].push(idOrName);
    return idOrName;
  }

  async removeAll(): Promise<void> {
    const quietly = (...args: string[]) => docker(...args).catch(() => "");
    // Leaving a swarm while task containers still stop leaves a stale ingress network behind, so wait for them.
    for (const name of this.made.stack) {
      await quietly("stack", "rm", name);
      const tasks = () => quietly("ps", "-aq", "--filter", `label=com.docker.stack.namespace=${name}`);
      const networks = () => quietly("network", "ls", "-q", "--filter", `label=com.docker.stack.namespace=${name}`);
      await eventually(`the tasks and networks of stack ${name} are gone`, async () => (await tasks()) + (await networks()) === "").catch(
        () => undefined,
      );
    }
    for (const name of this.made.service) await quietly("service", "rm", name);
    // A removed service's tasks linger while they stop, and hold its networks until they are gone.
    for (const name of this.made.service) {
      const tasksOf = () => quietly("ps", "-aq", "--filter", `label=com.docker.swarm.service.name=${name}`);
      await eventually(`the tasks of ${name} are gone`, async () => (await tasksOf()) === "").catch(() => undefined);
    }
    // --volumes removes only anonymous volumes, which belong to that container alone.
    for (const name of this.made.container) await quietly("rm", "--force", "--volumes", name);
    for (const name of this.made.network) await quietly("network", "rm", name);
    for (const name of this.made.volume) await quietly("volume", "rm", name);
    // By tag and never forced: a tag we added to a shared image only untags it.
    for (const name of this.made.image) await quietly("image", "rm", name);
  }
}

/**
 * Makes sure the daemon is a swarm manager. Returns `leave`, which leaves the swarm again only if
 * this call created it (a swarm the test found is never left), and removes the bridge network
 * `docker swarm init` adds when that network was not there before.
 */
export async function ensureSwarm(): Promise<{ createdByTest: boolean; leave: () => Promise<void> }> {
  const state = await docker("info", "--format", "{{.Swarm.LocalNodeState}}");
  if (state === "active") return { createdByTest: false, leave: async () => {} };
  const networksBefore = (await docker("network", "ls", "--format", "{{.Name}}")).split("\n");
  await docker("swarm", "init", "--advertise-addr", "127.0.0.1");
  return {
    createdByTest: true,
    leave: async () => {
      await docker("swarm", "leave", "--force");
      if (!(await ingressTornDown())) {
        // Engine 20.10 sometimes keeps a stale `ingress` network (and its sandbox on docker_gwbridge)
        // when a node leaves while a task was just starting; joining and leaving once more clears it.
        await docker("swarm", "init", "--advertise-addr", "127.0.0.1");
        await new Promise((resolve) => setTimeout(resolve, 3000));
        await docker("swarm", "leave", "--force");
        if (!(await ingressTornDown())) throw new Error("the daemon kept a stale `ingress` network after `docker swarm leave`");
      }
      if (networksBefore.includes("docker_gwbridge")) return;
      await eventually(
        "docker_gwbridge is removed",
        async () => (await docker("network", "rm", "docker_gwbridge").catch(() => "")) !== "",
        15_000,
      );
    },
  };
}

async function ingressTornDown(): Promise<boolean> {
  const networks = async () => (await docker("network", "ls", "--format", "{{.Name}}")).split("\n");
  return eventually("the ingress network is gone", async () => !(await networks()).includes("ingress"), 10_000).then(
    () => true,
    () => false,
  );
}

/** Waits until `probe` holds, polling; throws with `what` after `timeoutMs`. */
export async function eventually(what: string, probe: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting until ${what}`);
}

/** A host port nothing listens on right now (the product's own picker). */
export { freePort } from "../../../src/testing/isolation.js";

/**
 * Builds an image from a Dockerfile text (legacy builder, as the lessons use). The image id is
 * recorded too, so an image a rebuild left untagged is removed as well.
 */
export async function build(made: Made, tag: string, dockerfile: string): Promise<void> {
  const { writeFileSync } = await import("node:fs");
  const dir = mkdtempSync(join(tmpdir(), "dtt-build-"));
  writeFileSync(join(dir, "Dockerfile"), dockerfile);
  made.add("image", tag);
  made.add("image", await docker("build", "--quiet", "--label", TEST_LABEL, "-t", tag, dir));
}

/** `docker run` in the foreground that answers with the container's id (run prints the output instead). */
export async function runToEnd(...args: string[]): Promise<string> {
  const id = await docker("create", ...args);
  await docker("start", "--attach", id).catch(() => "");
  return id;
}

/**
 * What every check test file sets up: a client, a lesson that starts now, a `check` that
 * evaluates one check against it, and cleanup of what the file made. `afterwards` runs after
 * that cleanup (leaving a swarm the file started must wait until its services are gone).
 */
export function checkSuite(options: { afterwards?: () => Promise<void> } = {}) {
  const made = new Made();
  let client: DockerClient | undefined;
  let evaluate: ReturnType<typeof checker> | undefined;
  beforeAll(async () => {
    const connected = await connectClient();
    const scope = await lessonStartingNow(connected);
    client = connected;
    evaluate = checker(connected, () => scope);
  });
  afterAll(async () => {
    try {
      await made.removeAll();
    } finally {
      await options.afterwards?.();
    }
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("checkSuite is used before its beforeAll ran");
    return value;
  };
  return {
    made,
    client: () => ready(client),
    check: (...args: Parameters<ReturnType<typeof checker>>) => ready(evaluate)(...args),
  };
}
