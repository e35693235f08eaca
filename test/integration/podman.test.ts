import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckContext } from "../../src/checks/check.js";
import { evaluateCheck } from "../../src/checks/registry.js";
import type { DockerClient } from "../../src/docker/client.js";
import { connectToDocker } from "../../src/docker/connect.js";
import { realHostWorld } from "../../src/docker/host-world.js";
import type { DockerEvent } from "../../src/docker/views.js";
import { LessonRecord } from "../../src/engine/lesson-record.js";
import { LessonRun } from "../../src/engine/lesson-run.js";
import { loadCatalog } from "../../src/lessons/catalog.js";
import { type CheckSpec, checkSchema } from "../../src/lessons/schema.js";
import { ProgressStore } from "../../src/progress/store.js";
import { uniqueName } from "../helpers/engine-api.js";

/**
 * The tutor against Podman's Docker-compatible API (issue 16): what differs from Docker is met in
 * the Docker boundary, so commands, checks and the lesson engine work as they do on Docker. Runs
 * against the Podman daemon at TUTOR_PODMAN_HOST; everything it makes has a unique name and goes.
 */
const PODMAN_HOST = process.env.TUTOR_PODMAN_HOST;

let client: DockerClient;
const made = { containers: [] as string[], images: [] as string[], networks: [] as string[] };

beforeAll(async () => {
  if (!PODMAN_HOST)
    throw new Error(
      "These tests need a Podman daemon: run `scripts/docker-sandbox.sh --engine podman` and set TUTOR_PODMAN_HOST to the DOCKER_HOST=… it prints last.",
    );
  ({ client } = await connectToDocker({ host: PODMAN_HOST }, realHostWorld({ PATH: process.env.PATH, HOME: process.env.HOME })));
  const version = await client.info();
  expect(version.name).not.toBe("");
}, 60_000);

afterAll(async () => {
  if (!client) return;
  for (const id of made.containers) await client.removeContainer(id).catch(() => undefined);
  for (const tag of made.images) await client.removeImage(tag).catch(() => undefined);
  for (const name of made.networks) await client.removeNetwork(name).catch(() => undefined);
}, 120_000);

/** Runs a command line through the interpreter; its exit code and what it printed. */
async function run(line: string): Promise<{ code: number; out: string }> {
  let out = "";
  const sink = new Writable({
    write(chunk, _encoding, done) {
      out += chunk.toString();
      done();
    },
  });
  const code = await client.runCommand(line, { stdout: sink, stderr: sink, cwd: process.cwd(), env: {} });
  return { code, out };
}

async function mustRun(line: string): Promise<string> {
  const { code, out } = await run(line);
  expect(code, `${line}: ${out}`).toBe(0);
  return out;
}

async function container(name: string, args: string): Promise<void> {
  made.containers.push(name);
  await mustRun(`docker container run --detach --name ${name} ${args}`);
}

const contextOf = (): CheckContext => ({
  docker: client,
  scope: { startedAt: new Date(0), preexistingContainerIds: new Set() },
  httpGet: async () => ({ status: 0, body: "" }),
});

const check = (fields: Record<string, unknown>): Promise<{ pass: boolean; actual: string }> =>
  evaluateCheck(checkSchema.parse(fields) as CheckSpec, contextOf());

describe("Podman's Docker API through the tutor", () => {
  it("commits a container through the interpreter, and the image reads by the name the learner gave it", async () => {
    const box = uniqueName("box");
    const image = uniqueName("greeter");
    made.containers.push(box);
    await mustRun(`docker container run --name ${box} alpine sh -c 'echo hi > /greeting'`);
    made.images.push(`${image}:latest`);
    expect(await mustRun(`docker container commit ${box} ${image}`)).toMatch(/^(sha256:)?[0-9a-f]{12,}\n$/);
    // Podman lists docker.io/library/NAME:latest; the tutor sees what docker would print
    const tags = (await client.listImages()).flatMap((i) => i.tags);
    expect(tags).toContain(`${image}:latest`);
    expect(tags).toContain("alpine:latest");
    expect(tags.some((t) => t.startsWith("docker.io/") || t.startsWith("localhost/"))).toBe(false);
    expect((await check({ kind: "image", ref: image })).pass).toBe(true);
    await mustRun(`docker container run --rm ${image} cat /greeting`);
  }, 120_000);

  it("a container check sees the image as the lesson names it", async () => {
    const name = uniqueName("sleeper");
    await container(name, "alpine sleep 600");
    const result = await check({ kind: "container", name, image: "alpine", state: "running" });
    expect(result.actual).not.toContain("docker.io");
    expect(result.pass, result.actual).toBe(true);
  }, 60_000);

  it("a container on the default network is attached to `bridge`, as lessons say", async () => {
    const name = uniqueName("on-default");
    await container(name, "alpine sleep 600");
    const inspected = await client.inspectContainer(name);
    expect(inspected?.networks).toEqual(["bridge"]);
    const result = await check({ kind: "container", name, networks: ["bridge"] });
    expect(result.pass, result.actual).toBe(true);
  }, 60_000);

  it("network connect and disconnect through the interpreter (Podman answers a plain OK)", async () => {
    const net = uniqueName("net");
    const name = uniqueName("plugged");
    made.networks.push(net);
    await mustRun(`docker network create ${net}`);
    await container(name, "alpine sleep 600");
    await mustRun(`docker network connect ${net} ${name}`);
    expect((await client.inspectContainer(name))?.networks).toEqual(expect.arrayContaining(["bridge", net]));
    expect((await check({ kind: "network", name: net, containers: [name] })).pass).toBe(true);
    await mustRun(`docker network disconnect ${net} ${name}`);
    expect((await check({ kind: "network", name: net, notContainers: [name] })).pass).toBe(true);
  }, 60_000);

  it("the tutor's own exec is known as its own in the event stream; the learner's reads as on Docker", async () => {
    const name = uniqueName("exec");
    await container(name, "alpine sleep 600");
    const since = new Date(Date.now() - 1000);
    await client.exec(name, ["ls", "/etc"]);
    await mustRun(`docker container exec ${name} ls /tmp`);
    const events: DockerEvent[] = [];
    const until = new Date(Date.now() + 1000);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    for await (const event of client.events({ signal: new AbortController().signal, since, until })) events.push(event);
    const starts = events.filter((e) => e.action.startsWith("exec_start"));
    expect(starts.map((e) => e.action).sort()).toEqual(["exec_start: ls /etc", "exec_start: ls /tmp"]);
    const tutors = starts.filter((e) => client.tutorExecs.has(e.attributes.execID ?? ""));
    expect(tutors.map((e) => e.action)).toEqual(["exec_start: ls /etc"]);
    expect(events.filter((e) => e.action === "exec_die").every((e) => e.attributes.execID !== undefined)).toBe(true);
  }, 60_000);

  it("an exec check that keeps failing does not set off check round after check round", async () => {
    const entry = loadCatalog([], {}).find((e) => e.lesson.number === 1);
    if (!entry) throw new Error("no lesson 1");
    const progress = new ProgressStore(join(mkdtempSync(join(tmpdir(), "dtt-podman-progress-")), "progress.json"), () => undefined);
    const lessonRun = await LessonRun.open({
      client,
      entry,
      record: new LessonRecord(progress, entry.lesson.id, () => new Date()),
      snapshot: "record",
    });
    let probes = 0;
    const add = client.tutorExecs.add.bind(client.tutorExecs);
    client.tutorExecs.add = (id: string) => {
      probes += 1;
      add(id);
    };
    const startIndex = entry.lesson.steps.findIndex((s) => s.id === "restart-and-exec");
    const watch = lessonRun.watch({ startIndex, tickMs: 3_600_000, emit: () => undefined });
    try {
      watch.start();
      // an `alpine` container running /bin/ash, without /hello.txt: the step's exec check fails on every round
      const name = uniqueName("shell");
      await container(name, "-it alpine /bin/ash");
      // Podman answers /info in seconds (more on a busy machine): wait for the first probe, not a set time.
      for (let waited = 0; probes === 0 && waited < 30_000; waited += 250) await new Promise((resolve) => setTimeout(resolve, 250));
      expect(probes, "the step's exec check never probed the container").toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const settled = probes;
      await new Promise((resolve) => setTimeout(resolve, 5000));
      // a loop would probe every few hundred milliseconds
      expect(probes - settled).toBeLessThanOrEqual(1);
    } finally {
      client.tutorExecs.add = add;
      await watch.close();
    }
  }, 60_000);

  it("an endpoint Podman lacks is said in a sentence, not as `Path … is not supported`", async () => {
    const { code, out } = await run("docker service ls");
    expect(code).toBe(1);
    expect(out).not.toMatch(/is not supported|^Error response from daemon: Not Found$/m);
    expect(out).toContain("needs a Docker Engine");
  }, 30_000);
});
