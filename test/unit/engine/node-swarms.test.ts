import { describe, expect, it } from "vitest";
import { lessonStartedNodeSwarm } from "../../../src/engine/node-swarms.js";
import { lessonSchema } from "../../../src/lessons/schema.js";
import type { StepPass } from "../../../src/progress/store.js";

/** Lesson 5's shape: a swarm on this daemon, then one started on a playground node. */
const lesson = lessonSchema.parse({
  format: 1,
  id: "swarms",
  number: 5,
  slug: "swarms",
  title: "Swarms",
  summary: "s",
  minutes: 1,
  requires: { swarm: true, nodes: 2 },
  steps: [
    { id: "here", title: "Here", text: "t", checks: [{ kind: "swarm", role: "manager" }] },
    { id: "node1", title: "On node1", text: "t", checks: [{ kind: "swarm", node: "node1", role: "manager" }] },
  ],
});
const seen: StepPass = { at: "2026-12-07T03:00:00.000Z", by: "solve", checks: [], resources: [] };

describe("whether a lesson started the swarm its playground's nodes are in", () => {
  it("yes, when the tutor saw a step pass that puts a node in a swarm", () => {
    expect(lessonStartedNodeSwarm(lesson, { here: seen, node1: seen })).toBe(true);
  });

  it("no, when only a swarm on the learner's own daemon was seen, or nothing was", () => {
    expect(lessonStartedNodeSwarm(lesson, { here: seen })).toBe(false);
    expect(lessonStartedNodeSwarm(lesson, {})).toBe(false);
  });
});
