import { describe, expect, it } from "vitest";
import type { DockerReader } from "../../../src/docker/reader.js";
import { checkReferences, stepPass } from "../../../src/engine/step-proof.js";
import { type CheckSpec, checkSchema, lessonSchema } from "../../../src/lessons/schema.js";

const spec = (raw: Record<string, unknown>): CheckSpec => checkSchema.parse(raw);

describe("checkReferences: the resources a check looks at", () => {
  it.each([
    [{ kind: "container", name: "web" }, ["container:web"]],
    [{ kind: "container", image: "alpine" }, []],
    [{ kind: "exec", name: "web", run: ["ls"] }, ["container:web"]],
    [{ kind: "action", action: "exec", name: "pinger" }, ["container:pinger"]],
    [{ kind: "image", ref: "me/app:1.0" }, ["image:me/app:1.0"]],
    [{ kind: "network", name: "net" }, ["network:net"]],
    [{ kind: "volume", name: "data" }, ["volume:data"]],
    [{ kind: "service", name: "web", node: "node1" }, ["node1/service:web"]],
    [{ kind: "http", url: "http://localhost:8080/" }, ["http:http://localhost:8080/"]],
    [{ kind: "registry", registry: "localhost:5000", repository: "hello" }, ["registry:localhost:5000/hello:latest"]],
    [{ kind: "swarm" }, ["swarm"]],
  ])("%j → %j", (raw, refs) => {
    expect(checkReferences(spec(raw))).toEqual(refs);
  });
});

describe("stepPass: what progress keeps of a pass", () => {
  it("the checks' words, when and by whom, and the ids the daemon gives what they looked at (none for a page or a node's)", async () => {
    const lesson = lessonSchema.parse({
      format: 1,
      id: "p",
      number: 1,
      slug: "p",
      title: "P",
      summary: "s",
      minutes: 1,
      steps: [
        {
          id: "serve",
          title: "Serve",
          text: "t",
          checks: [
            { kind: "container", name: "web" },
            { kind: "image", ref: "me/app:1.0" },
            { kind: "http", url: "http://localhost:8080/" },
            { kind: "service", name: "svc", node: "node1" },
            { kind: "network", name: "gone" },
          ],
        },
      ],
    });
    const docker = {
      inspectContainer: async (name: string) => (name === "web" ? { id: "c-web" } : undefined),
      inspectImage: async (ref: string) => (ref === "me/app:1.0" ? { id: "sha256:app" } : undefined),
      inspectNetwork: async () => undefined,
      inspectService: async () => ({ id: "never asked" }),
    } as unknown as DockerReader;
    const step = lesson.steps[0];
    if (!step) throw new Error("no step");
    const results = step.checks.map((c) => ({ kind: c.kind, pass: true, expected: `${c.kind} e`, actual: `${c.kind} a` }));
    const pass = await stepPass(step, results, docker, new Date("2026-12-06T14:02:00Z"), "watched");
    expect(pass).toEqual({
      at: "2026-12-06T14:02:00.000Z",
      by: "watched",
      checks: results.map(({ kind, expected, actual }) => ({ kind, expected, actual })),
      resources: [
        { ref: "container:web", id: "c-web" },
        { ref: "image:me/app:1.0", id: "sha256:app" },
        { ref: "http:http://localhost:8080/" },
        { ref: "node1/service:svc" },
        { ref: "network:gone" },
      ],
    });
  });
});
