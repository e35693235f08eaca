import { describe, expect, it } from "vitest";
import type { DockerReader } from "../../../src/docker/reader.js";
import type { DockerRemover } from "../../../src/docker/remover.js";
import type { ContainerSummary } from "../../../src/docker/views.js";
import { NOTHING_OWNED, removeOwned } from "../../../src/engine/ownership.js";

/** A daemon whose service's one task stops only when killed (or, untouched, after its stop grace: 300 ms here). */
function daemon() {
  const calls: string[] = [];
  let task: ContainerSummary | undefined = {
    id: "t1",
    created: new Date(0),
    name: "web-abcde.1.x",
    image: "alpine",
    state: "running",
    ports: [],
    labels: { "com.docker.swarm.service.id": "s1", "com.docker.swarm.service.name": "web-abcde" },
  };
  const other: ContainerSummary = {
    ...task,
    id: "t2",
    labels: { "com.docker.swarm.service.id": "s2", "com.docker.swarm.service.name": "x" },
  };
  const client = {
    listContainers: async () => [...(task ? [task] : []), other],
    removeService: async (id: string) => {
      calls.push(`rm service ${id}`);
      setTimeout(() => {
        task = undefined;
      }, 300);
    },
    killContainer: async (id: string) => {
      calls.push(`kill ${id}`);
      task = undefined;
    },
  } as unknown as DockerReader & DockerRemover;
  return { client, calls };
}

describe("removeOwned: a removed service's tasks", () => {
  const owned = { ...NOTHING_OWNED, services: [{ id: "s1", name: "web-abcde" }] };

  it("are left to the swarm by default (reset): it waits for them to stop", async () => {
    const { client, calls } = daemon();
    const started = Date.now();
    expect((await removeOwned(client, owned)).removed).toEqual(["service web-abcde"]);
    expect(calls).toEqual(["rm service s1"]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it("are killed at once with killTasks (a test run), and only those of the removed services", async () => {
    const { client, calls } = daemon();
    const started = Date.now();
    await removeOwned(client, owned, { killTasks: true });
    expect(calls).toEqual(["rm service s1", "kill t1"]);
    expect(Date.now() - started).toBeLessThan(300);
  });
});
