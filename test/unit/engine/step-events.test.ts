import { describe, expect, it } from "vitest";
import type { DockerEvent } from "../../../src/docker/views.js";
import { mergeEvents, StepEventLog } from "../../../src/engine/step-events.js";

const event = (timeMs: number, action = "start"): DockerEvent => ({ type: "container", action, actorId: "c1", attributes: {}, timeMs });

describe("StepEventLog: the events of the step being shown", () => {
  it("keeps nothing before a step began, and nothing from before the step's start", () => {
    const log = new StepEventLog();
    log.add(event(100));
    log.open(new Date(200));
    log.add(event(150));
    log.add(event(250));
    expect(log.all()).toEqual([event(250)]);
  });

  it("a new step drops the previous step's events", () => {
    const log = new StepEventLog();
    log.open(new Date(0));
    log.add(event(100));
    log.open(new Date(200));
    log.add(event(300, "stop"));
    expect(log.all().map((e) => e.action)).toEqual(["stop"]);
  });

  it("the same event from the live stream and the daemon's history is kept once, oldest first", () => {
    const log = new StepEventLog();
    log.open(new Date(0));
    log.add(event(300));
    log.add(event(100, "exec_die"));
    log.add(event(300));
    expect(log.all().map((e) => e.timeMs)).toEqual([100, 300]);
  });
});

describe("mergeEvents", () => {
  it("recorded evidence and history, each event once, oldest first", () =>
    expect(mergeEvents([event(2), event(1)], [event(2), event(3)]).map((e) => e.timeMs)).toEqual([1, 2, 3]));
});
