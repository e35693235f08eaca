import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createdInWindow } from "../../../src/checks/container-match.js";
import type { DockerClient } from "../../../src/docker/client.js";
import { TutorExecs } from "../../../src/docker/tutor-execs.js";
import { LessonRecord } from "../../../src/engine/lesson-record.js";
import { LessonRun } from "../../../src/engine/lesson-run.js";
import type { CatalogEntry } from "../../../src/lessons/catalog.js";
import { lessonSchema } from "../../../src/lessons/schema.js";
import { ProgressStore } from "../../../src/progress/store.js";

const MINUTE = 60_000;
const TUTOR_NOW = new Date("2026-12-06T10:00:00Z");

const lesson = lessonSchema.parse({
  format: 1,
  id: "clock",
  number: 9,
  slug: "clock",
  title: "Clock",
  summary: "s",
  minutes: 1,
  steps: [{ id: "run", title: "Run", text: "t", checks: [{ kind: "container", image: "alpine" }] }],
});
const entry: CatalogEntry = { lesson, file: "", assetDir: "", source: "built-in", variables: {}, shellAllowed: false };

/** An empty daemon whose clock is `skewMs` off the tutor's. */
const daemonAt = (skewMs: number) =>
  ({
    info: async () => ({ swarm: { state: "inactive" }, systemTime: new Date(TUTOR_NOW.getTime() + skewMs) }),
    listContainers: async () => [],
    listImages: async () => [],
    listNetworks: async () => [],
    listVolumes: async () => [],
    listServicesDetailed: async () => [],
    tutorExecs: new TutorExecs(),
  }) as unknown as DockerClient;

describe("LessonRun: the lesson's start is on the daemon's clock", () => {
  it.each([
    ["ten minutes behind", -10 * MINUTE],
    ["ten minutes ahead", 10 * MINUTE],
  ])("a daemon %s: a container it creates a second later counts as made during the lesson", async (_, skew) => {
    const run = await LessonRun.open({ client: daemonAt(skew), entry, snapshot: "fresh", now: () => TUTOR_NOW });
    const daemonNow = TUTOR_NOW.getTime() + skew;
    expect(run.snapshot?.takenAt).toBe(new Date(daemonNow).toISOString());
    expect(run.scope.startedAt.getTime()).toBe(daemonNow);
    expect(createdInWindow(run.scope, {}, "new", new Date(daemonNow + 1000))).toBe(true);
    expect(createdInWindow(run.scope, {}, "old", new Date(daemonNow - 5 * MINUTE))).toBe(false);
  });

  it("keeps the snapshot on the daemon's clock and the lesson's start, shown to the learner, on the tutor's", async () => {
    const store = new ProgressStore(join(mkdtempSync(join(tmpdir(), "dtt-clock-")), "progress.json"), () => undefined);
    const record = new LessonRecord(store, lesson.id, () => TUTOR_NOW);
    await LessonRun.open({ client: daemonAt(-10 * MINUTE), entry, record, snapshot: "record", now: () => TUTOR_NOW });
    expect(record.snapshot?.takenAt).toBe("2026-12-06T09:50:00.000Z");
    expect(record.read()?.startedAt).toBe("2026-12-06T10:00:00.000Z");
  });
});
