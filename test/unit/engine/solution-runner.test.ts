import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { DockerClient } from "../../../src/docker/client.js";
import { runSolution } from "../../../src/engine/solution-runner.js";
import type { PlaygroundNodes } from "../../../src/env/playground-nodes.js";
import { lessonSchema, type Step } from "../../../src/lessons/schema.js";

/** One step, validated as a lesson file's would be. */
const stepSchemaForTests = {
  parse: (step: unknown): Step => {
    const lesson = lessonSchema.parse({ format: 1, id: "x", number: 1, slug: "x", title: "t", summary: "s", minutes: 1, steps: [step] });
    const [parsed] = lesson.steps;
    if (!parsed) throw new Error("no step");
    return parsed;
  },
};

/** A daemon that records each command line with the variables it saw, and prints `out` for it. */
function recorder(name: string, calls: string[], out = "") {
  return {
    runCommand: async (line: string, io: { env: Record<string, string | undefined>; stdout: NodeJS.WritableStream }) => {
      const expanded = line.replace(/\$([A-Z0-9_]+)/g, (_m, key: string) => io.env[key] ?? `<unset ${key}>`);
      calls.push(`${name}: ${expanded}`);
      io.stdout.write(out);
      return 0;
    },
  } as unknown as DockerClient;
}

describe("runSolution on playground nodes", () => {
  it("runs each command on its node, with the nodes' addresses and what capture kept as variables", async () => {
    const calls: string[] = [];
    const nodes = {
      addresses: async () => [
        { node: "node1", address: "10.9.0.2" },
        { node: "node2", address: "10.9.0.3" },
      ],
      client: async (node: string) => recorder(node, calls, node === "node1" ? "SWMTKN-1-abc\n" : ""),
    } as unknown as PlaygroundNodes;
    const step: Step = stepSchemaForTests.parse({
      id: "join",
      title: "Join",
      text: "t",
      solution: [
        { run: "docker swarm init --advertise-addr $NODE_ADDR", node: "node1" },
        { run: "docker swarm join-token -q worker", node: "node1", capture: "TOKEN" },
        { run: "docker swarm join --token $TOKEN $NODE1_ADDR:2377", node: "node2" },
        { run: "docker info" },
      ],
      checks: [{ kind: "swarm" }],
    });
    const announced: string[] = [];
    const out = new PassThrough();
    const outcome = await runSolution(step, recorder("host", calls), "/tmp", {
      stdout: out,
      stderr: out,
      env: {},
      announce: (what) => announced.push(what),
      nodes,
    });
    expect(outcome).toEqual({ ok: true });
    expect(calls).toEqual([
      "node1: docker swarm init --advertise-addr 10.9.0.2",
      "node1: docker swarm join-token -q worker",
      "node2: docker swarm join --token SWMTKN-1-abc 10.9.0.2:2377",
      "host: docker info",
    ]);
    expect(announced[0]).toBe("node1 $ docker swarm init --advertise-addr $NODE_ADDR");
  });

  it("a command for a node that is not up fails the step, naming the node", async () => {
    const nodes = { addresses: async () => [], client: async () => undefined } as unknown as PlaygroundNodes;
    const step: Step = stepSchemaForTests.parse({
      id: "x",
      title: "X",
      text: "t",
      solution: [{ run: "docker node ls", node: "node1" }],
      checks: [{ kind: "swarm" }],
    });
    const out = new PassThrough();
    const outcome = await runSolution(step, recorder("host", []), "/tmp", {
      stdout: out,
      stderr: out,
      env: {},
      announce: () => undefined,
      nodes,
    });
    expect(outcome).toMatchObject({ ok: false, failed: "docker node ls (on node1: the node is not up)" });
  });
});
