import { describe, expect, it } from "vitest";
import { movePorts } from "../../../src/engine/port-choice.js";
import { lessonSchema } from "../../../src/lessons/schema.js";

const lesson = lessonSchema.parse({
  format: 1,
  id: "ports",
  number: 1,
  slug: "ports",
  title: "t",
  summary: "s",
  minutes: 1,
  variables: {
    port: { default: 8080, description: "web" },
    oldport: { default: 8081, description: "old web" },
    name: { default: "web", description: "a name" },
  },
  steps: [{ id: "a", title: "a", text: "a", checks: [{ kind: "image", ref: "alpine" }] }],
});
const values = { port: "8080", oldport: "8081", name: "web" };
const held = (ports: Record<number, string>) => async (port: number) => ports[port];

describe("moving a lesson's ports off ports something else holds", () => {
  it("leaves free ports alone", async () => {
    expect(await movePorts(lesson, values, new Set(), held({}))).toEqual([]);
  });

  it("moves a held port to the next one that is free and not another of the lesson's", async () => {
    const moves = await movePorts(lesson, values, new Set(), held({ 8080: "container web (nginx)", 8082: "process nginx" }));
    expect(moves).toEqual([{ variable: "port", wanted: 8080, chosen: 8083, why: "held", holder: "container web (nginx)" }]);
  });

  it("never moves a port the learner chose with --var", async () => {
    expect(await movePorts(lesson, values, new Set(["port"]), held({ 8080: "container web (nginx)" }))).toEqual([]);
  });

  it("names are not ports", async () => {
    const moves = await movePorts(lesson, { ...values, name: "80" }, new Set(), held({ 80: "process x" }));
    expect(moves).toEqual([]);
  });
});

describe("moving a lesson's privileged ports on a daemon that cannot publish them", () => {
  const low = lessonSchema.parse({
    format: 1,
    id: "low",
    number: 3,
    slug: "low",
    title: "t",
    summary: "s",
    minutes: 1,
    variables: {
      port: { default: 80, description: "web" },
      tls: { default: 443, description: "tls" },
      old: { default: 8080, description: "old web" },
    },
    steps: [{ id: "a", title: "a", text: "a", checks: [{ kind: "image", ref: "alpine" }] }],
  });
  const lowValues = { port: "80", tls: "443", old: "8080" };

  it("moves 80 to the 8000s, past the lesson's own 8080 and a held port", async () => {
    const moves = await movePorts(low, lowValues, new Set(), held({ 8081: "process nginx" }), { lowestPort: 1024 });
    expect(moves).toEqual([
      { variable: "port", wanted: 80, chosen: 8082, why: "privileged" },
      { variable: "tls", wanted: 443, chosen: 8443, why: "privileged" },
    ]);
  });

  it("leaves privileged ports alone on a daemon that can publish them, or where the learner chose them", async () => {
    expect(await movePorts(low, lowValues, new Set(), held({}))).toEqual([]);
    expect(await movePorts(low, lowValues, new Set(["port", "tls"]), held({}), { lowestPort: 1024 })).toEqual([]);
  });
});
