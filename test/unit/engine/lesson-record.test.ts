import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LessonRecord } from "../../../src/engine/lesson-record.js";
import { ProgressStore, type Snapshot } from "../../../src/progress/store.js";

const at = (iso: string) => () => new Date(iso);
const snapshot = (takenAt: string, containers: string[]): Snapshot => ({
  takenAt,
  containers,
  images: [],
  imageTags: [],
  networks: [],
  volumes: [],
  services: [],
});

function record(now = at("2026-12-06T10:00:00Z")) {
  const store = new ProgressStore(join(mkdtempSync(join(tmpdir(), "dtt-record-")), "progress.json"), () => undefined);
  return { store, record: new LessonRecord(store, "demo", now) };
}

describe("LessonRecord", () => {
  it("keeps the first snapshot: a later one never replaces what the lesson's start saw", () => {
    const { record: r } = record();
    expect(r.snapshot).toBeUndefined();
    expect(r.keepSnapshot(snapshot("2026-12-06T09:00:00Z", ["a"])).containers).toEqual(["a"]);
    expect(r.keepSnapshot(snapshot("2026-12-06T09:30:00Z", ["a", "b"])).containers).toEqual(["a"]);
    expect(r.snapshot?.takenAt).toBe("2026-12-06T09:00:00Z");
    // takenAt is on the daemon's clock; the lesson's start, shown to the learner, is on the tutor's.
    expect(r.read()?.startedAt).toBe("2026-12-06T10:00:00.000Z");
  });

  it("counts hints per step and stamps a passed step with the hints it took", () => {
    const { record: r } = record();
    expect(r.useHint("one")).toBe(1);
    expect(r.useHint("one")).toBe(2);
    expect(r.hintsUsed("two")).toBe(0);
    r.recordStep("one", { status: "passed" });
    r.recordStep("quiz", { status: "passed", answer: "42", correct: true });
    expect(r.read()?.steps).toEqual({
      one: { status: "passed", at: "2026-12-06T10:00:00.000Z", hintsUsed: 2 },
      quiz: { status: "passed", answer: "42", correct: true, at: "2026-12-06T10:00:00.000Z", hintsUsed: 0 },
    });
  });

  it("adds chosen variables to those kept, marks the end, and forgets only its own lesson", () => {
    const { store, record: r } = record();
    const other = new LessonRecord(store, "other", at("2026-12-06T08:00:00Z"));
    other.recordStep("x", { status: "skipped" });
    r.keepVariables({ port: "8081" });
    r.keepVariables({ web: "web-2" });
    expect(r.read()?.variables).toEqual({ port: "8081", web: "web-2" });
    expect(r.finish()?.finishedAt).toBe("2026-12-06T10:00:00.000Z");
    r.forget();
    expect(r.read()).toBeUndefined();
    expect(other.read()?.steps.x?.status).toBe("skipped");
  });

  it("keeps a step's first start while it is unfinished, and a new one once it was done; reloads as a valid file", () => {
    const { store, record: r } = record();
    const first = new Date("2026-12-06T09:50:00Z");
    expect(r.stepStart("a")).toBeUndefined();
    expect(r.enterStep("a", first)).toEqual(first);
    expect(r.enterStep("a", new Date("2026-12-06T09:55:00Z"))).toEqual(first);
    r.recordStep("a", { status: "skipped" });
    const again = new Date("2026-12-06T09:58:00Z");
    expect(r.enterStep("a", again)).toEqual(again);
    expect(r.stepStart("a")).toEqual(again);
    expect(store.load().lessons.demo?.stepStarts).toEqual({ a: again.toISOString() });
  });

  it("keeps a step's evidence, which reset forgets", () => {
    const { store, record: r } = record();
    const event = { type: "network", action: "disconnect", actorId: "n1", attributes: { container: "c1", name: "net" }, timeMs: 5 };
    r.keepEvidence("unplug", [event]);
    expect(new LessonRecord(store, "demo", at("2026-12-06T11:00:00Z")).evidence("unplug")).toEqual([event]);
    expect(r.evidence("other")).toEqual([]);
    r.forget();
    expect(r.evidence("unplug")).toEqual([]);
  });

  it("keeps the passes the tutor saw, newest per step, only for a lesson that has progress; reset forgets them", () => {
    const { store, record: r } = record();
    const pass = (at: string) => ({ at, by: "solve" as const, checks: [], resources: [{ ref: "container:web", id: "c1" }] });
    r.keepPasses({ a: pass("2026-12-06T10:00:00.000Z") });
    expect(r.read(), "a check of a lesson never started does not start it").toBeUndefined();
    r.keepSnapshot(snapshot("2026-12-06T09:00:00Z", []));
    r.keepPasses({ a: pass("2026-12-06T10:00:00.000Z"), b: pass("2026-12-06T10:01:00.000Z") });
    r.keepPasses({ a: pass("2026-12-06T10:02:00.000Z") });
    expect(new LessonRecord(store, "demo", at("2026-12-06T11:00:00Z")).passes()).toEqual({
      a: pass("2026-12-06T10:02:00.000Z"),
      b: pass("2026-12-06T10:01:00.000Z"),
    });
    r.keepWorkspace("/labs/demo");
    expect(r.workspace).toBe("/labs/demo");
    r.forget();
    expect(r.passes()).toEqual({});
    expect(r.workspace).toBeUndefined();
  });
});
