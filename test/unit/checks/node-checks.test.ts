import { describe, expect, it } from "vitest";
import type { CheckContext } from "../../../src/checks/check.js";
import { evaluateCheck } from "../../../src/checks/registry.js";
import type { DockerReader, PlaygroundView } from "../../../src/docker/reader.js";
import { checkSchema } from "../../../src/lessons/schema.js";

/** A daemon that only answers `info`, as a swarm manager of two nodes would. */
const manager = { info: async () => ({ swarm: { state: "active", isManager: true, managers: 1, nodes: 2 } }) } as unknown as DockerReader;
const noDaemon = {
  info: async () => {
    throw new Error("the tutor's own daemon must not be asked");
  },
} as unknown as DockerReader;

function context(up: Record<string, DockerReader>): CheckContext {
  const nodes: PlaygroundView = { name: "lab", up: async () => Object.keys(up), reader: async (node) => up[node] };
  return {
    docker: noDaemon,
    scope: { startedAt: new Date(0), preexistingContainerIds: new Set() },
    httpGet: async () => ({ status: 0, body: "" }),
    nodes,
  };
}

describe("checks on a playground node", () => {
  it("ask that node's daemon, and say which node they asked", async () => {
    const spec = checkSchema.parse({ kind: "swarm", node: "node1", nodes: 2 });
    const result = await evaluateCheck(spec, context({ node1: manager }));
    expect(result.pass).toBe(true);
    expect(result.expected).toBe("on node1: this daemon is in an active swarm with 2 nodes");
    expect(result.actual).toMatch(/^on node1: this daemon is in an active swarm as a manager/);
  });

  it("fail with how to start the playground when the node is not up", async () => {
    const spec = checkSchema.parse({ kind: "swarm", node: "node2" });
    const result = await evaluateCheck(spec, context({ node1: manager }));
    expect(result).toMatchObject({ pass: false, actual: "node2 is not up: start the playground with docker-tutor env up --name lab" });
  });

  it("the playground check counts the nodes up, and names the command that starts the rest", async () => {
    const two = await evaluateCheck(checkSchema.parse({ kind: "playground", nodes: 2 }), context({ node1: manager, node2: manager }));
    expect(two).toMatchObject({ pass: true, actual: "the playground `lab` has node1, node2 up" });
    const one = await evaluateCheck(checkSchema.parse({ kind: "playground", nodes: 2 }), context({ node1: manager }));
    expect(one).toMatchObject({
      pass: false,
      actual: "the playground `lab` has only node1 up (`docker-tutor env up --nodes 2 --name lab` starts the rest)",
    });
    const none = await evaluateCheck(checkSchema.parse({ kind: "playground", nodes: 2 }), context({}));
    expect(none.actual).toBe("no node of the playground `lab` is up (start them with `docker-tutor env up --nodes 2 --name lab`)");
  });

  it("http and registry checks have no node: they are asked from the tutor's side", () => {
    expect(checkSchema.safeParse({ kind: "http", url: "http://localhost/", node: "node1" }).success).toBe(false);
    expect(checkSchema.safeParse({ kind: "service", name: "web", node: "node1", onNodes: ["node1"] }).success).toBe(true);
  });
});
