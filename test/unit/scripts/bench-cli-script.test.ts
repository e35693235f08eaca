import { describe, expect, it } from "vitest";
import { lessonScript, type ScriptContext, shellQuote } from "../../../scripts/bench-cli-script.js";
import { type Lesson, lessonSchema } from "../../../src/lessons/schema.js";

const lesson = (steps: unknown[], requires: Record<string, unknown> = {}): Lesson =>
  lessonSchema.parse({ format: 1, id: "t", number: 9, slug: "t", title: "t", summary: "t", minutes: 1, requires, steps });
const step = (id: string, solution: unknown[], extra: Record<string, unknown> = {}) => ({
  id,
  title: id,
  text: "t",
  checks: [{ kind: "container", name: "x", state: "created" }],
  solution,
  ...extra,
});
const context: ScriptContext = { tutor: "TUTOR", doneOnArrival: () => false };
const playground = {
  name: "play-abcde",
  network: "play-abcde-net",
  nodes: [
    { node: "node1", container: "play-abcde-node1" },
    { node: "node2", container: "play-abcde-node2" },
  ],
};

describe("lessonScript", () => {
  it("docker commands as typed, output nowhere", () =>
    expect(lessonScript(lesson([step("a", [{ run: "docker run alpine" }])]), context)).toEqual(["docker run alpine >/dev/null"]));
  it("stdin through printf", () =>
    expect(lessonScript(lesson([step("a", [{ run: "docker run -i alpine sh", stdin: "echo 'hi'\n" }])]), context)).toEqual([
      `printf %s 'echo '\\''hi'\\''\n' | docker run -i alpine sh >/dev/null`,
    ]));
  it("files", () =>
    expect(
      lessonScript(lesson([step("a", [{ write: { path: "f.txt", content: "x" } }, { copy: { from: "f.txt", to: "g.txt" } }])]), context),
    ).toEqual(["printf %s 'x' > 'f.txt'", "cp 'f.txt' 'g.txt'"]));
  it("a capture is a shell variable", () =>
    expect(
      lessonScript(lesson([step("a", [{ run: "docker inspect -f x c", capture: "ADDR" }, { run: "docker ping $ADDR" }])]), context),
    ).toEqual(["ADDR=$(docker inspect -f x c)", "docker ping $ADDR >/dev/null"]));
  it("a step done on arrival is skipped", () =>
    expect(
      lessonScript(lesson([step("a", [{ run: "docker swarm init" }], { mayPassOnArrival: true }), step("b", [{ run: "docker ps" }])]), {
        ...context,
        doneOnArrival: (s) => s.id === "a",
      }),
    ).toEqual(["docker ps >/dev/null"]));
  it("only a step that may pass on arrival is skipped", () =>
    expect(lessonScript(lesson([step("a", [{ run: "docker ps" }])]), { ...context, doneOnArrival: () => true })).toEqual([
      "docker ps >/dev/null",
    ]));

  describe("on nodes", () => {
    const nodeLesson = lesson(
      [
        { id: "up", title: "up", text: "t", checks: [{ kind: "playground", nodes: 2 }], mayPassOnArrival: true },
        step("init", [{ run: "docker swarm init --advertise-addr $NODE_ADDR", node: "node1" }]),
        step("join", [
          { run: "docker swarm join-token -q worker", node: "node1", capture: "TOKEN" },
          { run: "docker swarm join --token $TOKEN $NODE1_ADDR:2377", node: "node2" },
        ]),
      ],
      { nodes: 2, playground: "play" },
    );
    const lines = lessonScript(nodeLesson, { ...context, playground });
    it("the lesson's env up starts the nodes, and their addresses are read", () =>
      expect(lines.slice(0, 3)).toEqual([
        "TUTOR env up --nodes 2 --name play-abcde >/dev/null",
        `NODE1_ADDR=$(docker inspect -f '{{(index .NetworkSettings.Networks "play-abcde-net").IPAddress}}' play-abcde-node1)`,
        `NODE2_ADDR=$(docker inspect -f '{{(index .NetworkSettings.Networks "play-abcde-net").IPAddress}}' play-abcde-node2)`,
      ]));
    const env = '-e NODE1_ADDR="$NODE1_ADDR" -e NODE2_ADDR="$NODE2_ADDR"';
    it("a node's command runs in its shell, with the addresses", () =>
      expect(lines[3]).toBe(
        `docker exec -e NODE_ADDR="$NODE1_ADDR" ${env} play-abcde-node1 sh -c 'docker swarm init --advertise-addr $NODE_ADDR' >/dev/null`,
      ));
    it("a capture on a node, passed to the next", () =>
      expect(lines.slice(4, 6)).toEqual([
        `TOKEN=$(docker exec -e NODE_ADDR="$NODE1_ADDR" ${env} play-abcde-node1 sh -c 'docker swarm join-token -q worker')`,
        `docker exec -e NODE_ADDR="$NODE2_ADDR" ${env} -e TOKEN="$TOKEN" play-abcde-node2 sh -c 'docker swarm join --token $TOKEN $NODE1_ADDR:2377' >/dev/null`,
      ]));
    it("the nodes go at the end", () => expect(lines.at(-1)).toBe("TUTOR env down --name play-abcde >/dev/null"));
    it("a node the playground lacks", () =>
      expect(() => lessonScript(lesson([step("a", [{ run: "docker ps", node: "node3" }])]), { ...context, playground })).toThrow(/node3/));
  });
});

describe("shellQuote", () => {
  it("plain", () => expect(shellQuote("a b")).toBe("'a b'"));
  it("a quote inside", () => expect(shellQuote("it's")).toBe("'it'\\''s'"));
});
