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

describe("runSolution and a name already taken", () => {
  const step: Step = stepSchemaForTests.parse({
    id: "web",
    title: "Web",
    text: "t",
    solution: [{ run: "docker run -d --name $NAME nginx" }, { run: "docker ps" }, { run: "docker info", node: "node1" }],
    checks: [{ kind: "swarm" }],
  });
  const nodes = { addresses: async () => [], client: async () => recorder("node1", []) } as unknown as PlaygroundNodes;

  it("asks before each command on the lesson's daemon, with the command's variables; says what was freed before the command", async () => {
    const calls: string[] = [];
    const asked: string[] = [];
    const announced: string[] = [];
    const out = new PassThrough();
    const outcome = await runSolution(step, recorder("host", calls), "/work", {
      stdout: out,
      stderr: out,
      env: { NAME: "web1" },
      announce: (what) => announced.push(what),
      nodes,
      clearName: async (line, env) => {
        asked.push(`${line} [${env.vars.NAME} in ${env.cwd}]`);
        return line.includes("--name") ? { go: true, said: "Removing `web1`, …" } : { go: true };
      },
    });
    expect(outcome).toEqual({ ok: true });
    // the node's command is not asked about: its daemon is not the one the snapshot describes
    expect(asked).toEqual(["docker run -d --name $NAME nginx [web1 in /work]", "docker ps [web1 in /work]"]);
    expect(announced.slice(0, 3)).toEqual(["# Removing `web1`, …", "$ docker run -d --name $NAME nginx", "$ docker ps"]);
    expect(calls).toEqual(["host: docker run -d --name web1 nginx", "host: docker ps"]);
  });

  it("a name it must not free: the command does not run, the sentence is said, and the outcome says it was not run", async () => {
    const calls: string[] = [];
    const announced: string[] = [];
    const out = new PassThrough();
    const outcome = await runSolution(step, recorder("host", calls), "/work", {
      stdout: out,
      stderr: out,
      env: { NAME: "web1" },
      announce: (what) => announced.push(what),
      clearName: async () => ({ go: false, said: "`web1` is a container that was here before the lesson began, …" }),
    });
    expect(outcome).toEqual({ ok: false, failed: "docker run -d --name $NAME nginx", exitCode: 1, interrupted: false, notRun: true });
    expect(announced).toEqual(["# `web1` is a container that was here before the lesson began, …"]);
    expect(calls).toEqual([]);
  });
});
