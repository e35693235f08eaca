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
    solution: [{ run: "docker run -d --name web1 nginx" }, { run: "docker ps" }, { run: "docker info", node: "node1" }],
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
      announce: (what) => announced.push(what),
      nodes,
      clearName: async (line, env) => {
        asked.push(`${line} [${JSON.stringify(env.vars)} in ${env.cwd}]`);
        return line.includes("--name") ? { go: true, said: "Removing `web1`, …" } : { go: true };
      },
    });
    expect(outcome).toEqual({ ok: true });
    // the node's command is not asked about: its daemon is not the one the snapshot describes
    expect(asked).toEqual(["docker run -d --name web1 nginx [{} in /work]", "docker ps [{} in /work]"]);
    expect(announced.slice(0, 3)).toEqual(["# Removing `web1`, …", "$ docker run -d --name web1 nginx", "$ docker ps"]);
    expect(calls).toEqual(["host: docker run -d --name web1 nginx", "host: docker ps"]);
  });

  it("a name it must not free: the command does not run, the sentence is said, and the outcome says it was not run", async () => {
    const calls: string[] = [];
    const announced: string[] = [];
    const out = new PassThrough();
    const outcome = await runSolution(step, recorder("host", calls), "/work", {
      stdout: out,
      stderr: out,
      announce: (what) => announced.push(what),
      clearName: async () => ({ go: false, said: "`web1` is a container that was here before the lesson began, …" }),
    });
    expect(outcome).toEqual({ ok: false, failed: "docker run -d --name web1 nginx", exitCode: 1, interrupted: false, notRun: true });
    expect(announced).toEqual(["# `web1` is a container that was here before the lesson began, …"]);
    expect(calls).toEqual([]);
  });
});

describe("runSolution: an empty environment, values kept whole, a guard", () => {
  const step = (solution: unknown[]): Step =>
    stepSchemaForTests.parse({ id: "s", title: "S", text: "t", solution, checks: [{ kind: "swarm" }] });
  const out = () => new PassThrough();

  it("a command sees only what the step captured: none of the tutor's environment, each value one word", async () => {
    process.env.DTT_SECRET_FOR_TEST = "hunter2";
    const seen: { env: Record<string, string | undefined>; whole: boolean | undefined }[] = [];
    const client = {
      runCommand: async (
        _line: string,
        io: { env: Record<string, string | undefined>; wholeExpansions?: boolean; stdout: NodeJS.WritableStream },
      ) => {
        seen.push({ env: { ...io.env }, whole: io.wholeExpansions });
        io.stdout.write("a b --privileged\n");
        return 0;
      },
    } as unknown as DockerClient;
    const outcome = await runSolution(
      step([
        { run: "docker swarm join-token -q worker", capture: "TOKEN" },
        { run: "docker run -e DTT_SECRET_FOR_TEST alpine echo $TOKEN $HOME" },
      ]),
      client,
      "/work",
      { stdout: out(), stderr: out(), announce: () => undefined },
    );
    delete process.env.DTT_SECRET_FOR_TEST;
    expect(outcome).toEqual({ ok: true });
    expect(seen).toEqual([
      { env: {}, whole: true },
      { env: { TOKEN: "a b --privileged" }, whole: true },
    ]);
  });

  it("a captured value with a control character (or a second line) stops the step, said in one sentence", async () => {
    const announced: string[] = [];
    const outcome = await runSolution(
      step([{ run: "docker info", capture: "X" }, { run: "docker ps" }]),
      recorder("host", [], "one\u001b]52;c;eA==\u0007\n"),
      "/w",
      {
        stdout: out(),
        stderr: out(),
        announce: (what) => announced.push(what),
      },
    );
    expect(outcome).toEqual({ ok: false, failed: "docker info", exitCode: 1, interrupted: false });
    expect(announced.at(-1)).toBe(
      "# The output kept as X cannot be used by the step's later commands: a text is one line without control characters.",
    );
  });

  it("a command the guard refuses does not run; the guard's sentence is said and the outcome says it was not run", async () => {
    const calls: string[] = [];
    const announced: string[] = [];
    const asked: string[] = [];
    const nodes = {
      addresses: async () => [{ node: "node1", address: "10.9.0.2" }],
      client: async () => recorder("node1", calls),
    } as unknown as PlaygroundNodes;
    const outcome = await runSolution(
      step([{ run: "docker ps" }, { run: "docker run -v /:/host alpine" }, { run: "docker info" }]),
      recorder("host", calls),
      "/w",
      {
        stdout: out(),
        stderr: out(),
        announce: (what) => announced.push(what),
        nodes,
        guard: async (line, env, addresses) => {
          asked.push(`${line} ${env.cwd} ${addresses.join(",")}`);
          return line.includes("/:/host") ? "An untrusted lesson pack may not mount …" : undefined;
        },
      },
    );
    expect(outcome).toEqual({ ok: false, failed: "docker run -v /:/host alpine", exitCode: 1, interrupted: false, notRun: true });
    expect(calls).toEqual(["host: docker ps"]);
    expect(asked).toEqual(["docker ps /w 10.9.0.2", "docker run -v /:/host alpine /w 10.9.0.2"]);
    expect(announced).toEqual(["$ docker ps", "# An untrusted lesson pack may not mount …"]);
  });
});

describe("runSolution in a test run (execAgain)", () => {
  /** A daemon whose commands fail while `failures` says so for them (by their first words). */
  function flaky(calls: string[], failures: Record<string, number>) {
    return {
      runCommand: async (line: string) => {
        calls.push(line);
        const key = Object.keys(failures).find((k) => line.startsWith(k));
        if (key && (failures[key] ?? 0) > 0) {
          failures[key] = (failures[key] ?? 0) - 1;
          return 1;
        }
        return 0;
      },
    } as unknown as DockerClient;
  }
  const out = new PassThrough();
  const io = (announced: string[]) => ({
    stdout: out,
    stderr: out,
    announce: (what: string) => announced.push(what),
    execAgain: { afterMs: 1, times: 3 },
  });
  const step = (run: string) =>
    stepSchemaForTests.parse({
      id: "s",
      title: "S",
      text: "t",
      solution: [{ run }, { run: "docker network ls" }],
      checks: [{ kind: "swarm" }],
    });

  it("types a failed exec again once, and goes on when it then works", async () => {
    const calls: string[] = [];
    const announced: string[] = [];
    const outcome = await runSolution(
      step("docker container exec front ping -c 1 back"),
      flaky(calls, { "docker container exec": 1 }),
      "/tmp",
      io(announced),
    );
    expect(outcome).toEqual({ ok: true });
    expect(calls).toEqual([
      "docker container exec front ping -c 1 back",
      "docker container exec front ping -c 1 back",
      "docker network ls",
    ]);
    expect(announced).toContain("# it failed (exit 1); typed again, as a learner would");
  });

  it("types it again up to three more times; stops at an exec that fails four times, and never types another failed command again", async () => {
    const calls: string[] = [];
    const thrice = await runSolution(step("docker exec front ping back"), flaky(calls, { "docker exec": 3 }), "/tmp", io([]));
    expect(thrice).toEqual({ ok: true });
    expect(calls).toHaveLength(5);
    calls.length = 0;
    const always = await runSolution(step("docker exec front ping back"), flaky(calls, { "docker exec": 4 }), "/tmp", io([]));
    expect(always).toMatchObject({ ok: false, failed: "docker exec front ping back", exitCode: 1 });
    expect(calls).toHaveLength(4);
    calls.length = 0;
    const run = await runSolution(step("docker run --name web nginx"), flaky(calls, { "docker run": 1 }), "/tmp", io([]));
    expect(run).toMatchObject({ ok: false, failed: "docker run --name web nginx" });
    expect(calls).toEqual(["docker run --name web nginx"]);
  });
});
