import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DockerClient } from "../../src/docker/client.js";
import type { DockerEvent } from "../../src/docker/views.js";
import { connectClient, docker, ensureSwarm, eventually, Made, TEST_LABEL, uniqueName } from "./checks/daemon-fixtures.js";

let client: DockerClient;
const made = new Made();
let swarm: Awaited<ReturnType<typeof ensureSwarm>> | undefined;

beforeAll(async () => {
  client = await connectClient();
});
afterAll(async () => {
  try {
    await made.removeAll();
  } finally {
    await swarm?.leave();
  }
});

const label = ["--label", TEST_LABEL];

describe("reading containers", () => {
  it("lists and inspects a container in our own shapes, with created times", async () => {
    const name = made.name("container", "inspect");
    const id = await docker("run", "-d", "--name", name, ...label, "-p", "127.0.0.1::80", "-e", "GREETING=a=b", "alpine", "sleep", "300");
    const summary = (await client.listContainers()).find((c) => c.id === id);
    expect(summary).toMatchObject({ name, image: "alpine", state: "running", labels: { "docker-tutor.test": "1" } });
    expect(Math.abs((summary?.created.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
    const details = await client.inspectContainer(name);
    expect(details).toMatchObject({
      id,
      name,
      image: "alpine",
      cmd: ["sleep", "300"],
      command: ["sleep", "300"],
      running: true,
      tty: false,
    });
    expect(details?.env.GREETING).toBe("a=b");
    expect(details?.networks).toEqual(["bridge"]);
    expect(details?.ports[0]).toMatchObject({ containerPort: 80, hostIp: "127.0.0.1", protocol: "tcp" });
  });

  it("answers undefined, '' and [] for a container that does not exist", async () => {
    expect(await client.inspectContainer("dtt-no-such-container")).toBeUndefined();
    expect(await client.containerLogs("dtt-no-such-container")).toBe("");
    expect(await client.containerDiff("dtt-no-such-container")).toEqual([]);
  });

  it("reads logs demultiplexed in the order written, and a TTY container's raw", async () => {
    const plain = made.name("container", "logs");
    await docker("run", "--name", plain, ...label, "alpine", "sh", "-c", "echo one; sleep 0.2; echo two >&2; sleep 0.2; echo three");
    expect(await client.containerLogs(plain)).toBe("one\ntwo\nthree\n");
    const tty = made.name("container", "tty");
    await docker("run", "-t", "--name", tty, ...label, "alpine", "echo", "from a tty");
    expect(await client.containerLogs(tty)).toBe("from a tty\r\n");
  });

  it("lists the files a container added or changed", async () => {
    const name = made.name("container", "diff");
    await docker("run", "--name", name, ...label, "alpine", "sh", "-c", "echo hi > /hello.txt");
    expect(await client.containerDiff(name)).toContainEqual({ path: "/hello.txt", kind: "added" });
  });

  it("execs a command, collecting both streams and the exit code; a stopped container is an error", async () => {
    const name = made.name("container", "exec");
    await docker("run", "-d", "--name", name, ...label, "alpine", "sleep", "300");
    expect(await client.exec(name, ["sh", "-c", "echo out; sleep 0.2; echo err >&2; exit 3"])).toEqual({
      exitCode: 3,
      output: "out\nerr\n",
    });
    await docker("stop", "-t", "0", name);
    await expect(client.exec(name, ["true"])).rejects.toThrow(`cannot run \`true\` in container \`${name}\``);
  });
});

describe("reading images, networks and volumes", () => {
  it("inspects an image and its history; a missing one is undefined and has no history", async () => {
    const image = await client.inspectImage("alpine");
    expect(image?.tags).toContain("alpine:latest");
    expect(image?.layers.length).toBeGreaterThan(0);
    expect(image?.cmd).toEqual(["/bin/sh"]);
    expect((await client.listImages()).find((i) => i.id === image?.id)?.created).toBeInstanceOf(Date);
    expect((await client.imageHistory("alpine")).some((h) => h.createdBy.includes("CMD"))).toBe(true);
    expect(await client.inspectImage("dtt-no-such-image:1")).toBeUndefined();
    expect(await client.imageHistory("dtt-no-such-image:1")).toEqual([]);
  });

  it("inspects a network with its attached containers", async () => {
    const network = made.name("network", "net");
    await docker("network", "create", ...label, network);
    const container = made.name("container", "on-net");
    await docker("run", "-d", "--name", container, "--network", network, ...label, "alpine", "sleep", "300");
    const details = await client.inspectNetwork(network);
    expect(details).toMatchObject({ name: network, driver: "bridge", scope: "local", attachable: false });
    expect(details?.containers.map((c) => c.name)).toEqual([container]);
    expect((await client.listNetworks()).map((n) => n.name)).toContain(network);
    expect(await client.inspectNetwork("dtt-no-such-network")).toBeUndefined();
  });

  it("inspects a volume and reads a file in it through a throwaway container mounting it read-only", async () => {
    const volume = made.name("volume", "vol");
    await docker("volume", "create", ...label, volume);
    await docker("run", "--rm", "-v", `${volume}:/data`, "alpine", "sh", "-c", "echo kept > /data/note.txt");
    expect(await client.inspectVolume(volume)).toMatchObject({ name: volume, driver: "local" });
    expect((await client.listVolumes()).map((v) => v.name)).toContain(volume);
    expect(await client.inspectVolume("dtt-no-such-volume")).toBeUndefined();
    const read = await client.runThrowaway({
      image: "busybox",
      command: ["sh", "-c", "cat /v/note.txt; touch /v/x"],
      purpose: "test",
      volumes: [{ name: volume, target: "/v" }],
      timeoutMs: 15_000,
    });
    expect(read.output).toContain("kept");
    expect(read.output).toContain("Read-only file system");
  });
});

describe("reading swarm services", () => {
  it("lists services, inspects one with network names, and lists its tasks; a missing one is undefined", async () => {
    swarm = await ensureSwarm();
    const network = made.name("network", "overlay");
    await docker("network", "create", "--driver", "overlay", ...label, network);
    const service = made.name("service", "svc");
    await docker(
      "service",
      "create",
      "--detach",
      "--name",
      service,
      ...label,
      "--network",
      network,
      "--replicas",
      "2",
      "busybox",
      "sleep",
      "3600",
    );
    const details = await client.inspectService(service);
    expect(details).toMatchObject({ name: service, mode: "replicated", replicas: 2, networks: [network] });
    expect(details?.image).toMatch(/^busybox:latest/);
    expect((await client.listServicesDetailed()).map((s) => s.name)).toContain(service);
    await eventually("both tasks run", async () => (await client.listTasks({ service })).filter((t) => t.state === "running").length === 2);
    expect(await client.inspectService("dtt-no-such-service")).toBeUndefined();
  });
});

describe("the event stream", () => {
  it("delivers the create event of a container made after subscribing, and ends cleanly on abort", async () => {
    const controller = new AbortController();
    const seen: DockerEvent[] = [];
    const name = made.name("container", "events");
    let ended = false;
    const reading = (async () => {
      for await (const event of client.events({ signal: controller.signal, since: new Date(Date.now() - 1000) })) seen.push(event);
      ended = true;
    })();
    const id = await docker("create", "--name", name, ...label, "alpine", "true");
    await eventually("the create event arrives", async () =>
      seen.some((e) => e.type === "container" && e.action === "create" && e.actorId === id),
    );
    const created = seen.find((e) => e.actorId === id);
    expect(created?.attributes).toMatchObject({ name, "docker-tutor.test": "1" });
    expect(Math.abs((created?.timeMs ?? 0) - Date.now())).toBeLessThan(60_000);
    controller.abort();
    await reading;
    expect(ended).toBe(true);
  });

  it("ends at once when the signal is already aborted", async () => {
    const events: DockerEvent[] = [];
    for await (const event of client.events({ signal: AbortSignal.abort() })) events.push(event);
    expect(events).toEqual([]);
  });
});

describe("removing", () => {
  it("removes a running container by force but keeps its volumes; removing it again is no error", async () => {
    const volume = made.name("volume", "kept");
    const name = made.name("container", "rm");
    const id = await docker("run", "-d", "--name", name, ...label, "-v", `${volume}:/data`, "alpine", "sleep", "300");
    await client.removeContainer(id);
    expect(await client.inspectContainer(id)).toBeUndefined();
    expect(await client.inspectVolume(volume)).toBeDefined();
    await expect(client.removeContainer(id)).resolves.toBeUndefined();
  });

  it("removes only the given tag of an image that has other tags, and refuses an image a container uses", async () => {
    const first = made.add("image", `${uniqueName("tag-a")}:v1`);
    const second = made.add("image", `${uniqueName("tag-b")}:v1`);
    await docker("tag", "busybox", first);
    await docker("tag", "busybox", second);
    await client.removeImage(first);
    expect(await client.inspectImage(first)).toBeUndefined();
    expect((await client.inspectImage(second))?.tags).toContain(second);
    expect(await client.inspectImage("busybox")).toBeDefined();
    const committed = made.add("image", `${uniqueName("committed")}:v1`);
    await docker("commit", await docker("create", "--name", made.name("container", "source"), ...label, "busybox", "true"), committed);
    await docker("create", "--name", made.name("container", "user"), ...label, committed, "true");
    await expect(client.removeImage(committed)).rejects.toThrow(`could not remove image \`${committed}\``);
    expect(await client.inspectImage(committed)).toBeDefined();
  });

  it("removes a network, a volume and a service; removing them again is no error", async () => {
    const network = made.name("network", "rm-net");
    await docker("network", "create", ...label, network);
    const volume = made.name("volume", "rm-vol");
    await docker("volume", "create", ...label, volume);
    await client.removeNetwork(network);
    await client.removeVolume(volume);
    expect(await client.inspectNetwork(network)).toBeUndefined();
    expect(await client.inspectVolume(volume)).toBeUndefined();
    await expect(client.removeNetwork(network)).resolves.toBeUndefined();
    await expect(client.removeVolume(volume)).resolves.toBeUndefined();
    swarm ??= await ensureSwarm();
    const service = made.name("service", "rm-svc");
    await docker("service", "create", "--detach", "--stop-grace-period", "1s", "--name", service, ...label, "busybox", "sleep", "3600");
    await client.removeService(service);
    expect(await client.inspectService(service)).toBeUndefined();
    await expect(client.removeService(service)).resolves.toBeUndefined();
  });
});
