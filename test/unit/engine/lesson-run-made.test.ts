import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { leftoversReport } from "../../../src/cli/leftovers.js";
import type { DockerClient } from "../../../src/docker/client.js";
import { TutorExecs } from "../../../src/docker/tutor-execs.js";
import type { ContainerSummary, DockerEvent } from "../../../src/docker/views.js";
import { LessonRecord } from "../../../src/engine/lesson-record.js";
import { LessonRun } from "../../../src/engine/lesson-run.js";
import { baselineOf } from "../../../src/engine/made-record.js";
import { MadeRecorder } from "../../../src/engine/made-recorder.js";
import type { CatalogEntry } from "../../../src/lessons/catalog.js";
import { lessonSchema } from "../../../src/lessons/schema.js";
import { ProgressStore } from "../../../src/progress/store.js";
import { createTheme } from "../../../src/ui/theme.js";

const lesson = lessonSchema.parse({
  format: 1,
  id: "made",
  number: 9,
  slug: "made",
  title: "Made",
  summary: "s",
  minutes: 1,
  resources: { containers: [{ name: "db" }] },
  steps: [{ id: "db", title: "Run db", text: "t", checks: [{ kind: "container", name: "db" }] }],
});
const entry: CatalogEntry = { lesson, file: "", assetDir: "", source: "built-in", variables: {}, shellAllowed: false };

/** A daemon of containers only, counting how often the whole of it is read. */
function fakeDaemon() {
  const containers: ContainerSummary[] = [];
  let reads = 0;
  const client = {
    info: async () => ({ swarm: { state: "inactive", clusterId: "" }, systemTime: new Date("2026-12-06T10:00:00Z") }),
    listContainers: async () => {
      reads += 1;
      return [...containers];
    },
    listImages: async () => [],
    listNetworks: async () => [],
    listVolumes: async () => [],
    listServicesDetailed: async () => [],
    tutorExecs: new TutorExecs(),
    playground: () => {
      throw new Error("no playground was asked for");
    },
  } as unknown as DockerClient;
  const add = (id: string, name: string) =>
    containers.push({ id, name, image: "postgres", created: new Date(0), state: "running", ports: [], labels: {} });
  const remove = (id: string) =>
    containers.splice(
      containers.findIndex((c) => c.id === id),
      1,
    );
  return { client, add, remove, reads: () => reads };
}

const progressFile = () => new ProgressStore(join(mkdtempSync(join(tmpdir(), "dtt-made-")), "progress.json"), () => undefined);
const recordIn = (store: ProgressStore) => new LessonRecord(store, lesson.id, () => new Date("2026-12-06T10:00:00Z"));

describe("LessonRun: ownership by record", () => {
  it("records what the lesson makes while it runs, in progress; a db made after it ended is never the lesson's", async () => {
    const daemon = fakeDaemon();
    const store = progressFile();
    const run = await LessonRun.open({ client: daemon.client, entry, record: recordIn(store), snapshot: "record" });
    expect(recordIn(store).made).toEqual({ containers: [], networks: [], volumes: [], services: [], imageTags: [] });
    daemon.add("db-1", "db");
    await run.recordMade();
    expect(recordIn(store).made?.containers).toEqual([{ id: "db-1", name: "db", image: "postgres" }]);
    expect((await run.owned())?.containers.map((c) => c.id)).toEqual(["db-1"]);

    // The lesson ended; a month later the learner removed db and made their own, with data.
    daemon.remove("db-1");
    daemon.add("db-mine", "db");
    const reset = await LessonRun.open({ client: daemon.client, entry, record: recordIn(store), snapshot: "recorded" });
    expect((await reset.owned())?.containers).toEqual([]);
    // Resuming the lesson does not make it the lesson's either: it was there when this run began.
    const resumed = await LessonRun.open({ client: daemon.client, entry, record: recordIn(store), snapshot: "record" });
    await resumed.recordMade();
    expect(recordIn(store).made?.containers.map((c) => c.id)).toEqual(["db-1"]);
    expect((await resumed.owned())?.containers).toEqual([]);
  });

  it("a run that only reads (check, hint, reset) never looks to record and writes nothing", async () => {
    const daemon = fakeDaemon();
    const store = progressFile();
    await LessonRun.open({ client: daemon.client, entry, record: recordIn(store), snapshot: "record" });
    daemon.add("db-1", "db");
    const check = await LessonRun.open({ client: daemon.client, entry, record: recordIn(store), snapshot: "recorded" });
    const reads = daemon.reads();
    await check.recordMade();
    expect(daemon.reads()).toBe(reads);
    expect(recordIn(store).made?.containers).toEqual([]);
  });

  it("progress from before the record was kept: nothing is the lesson's until a run records it", async () => {
    const daemon = fakeDaemon();
    const store = progressFile();
    daemon.add("db-old", "db");
    // a snapshot without `made`, as docker-tutor wrote it before
    store.update((data) => {
      data.lessons[lesson.id] = {
        startedAt: "2026-11-01T10:00:00.000Z",
        steps: {},
        hints: {},
        snapshot: {
          takenAt: "2026-11-01T10:00:00.000Z",
          containers: [],
          images: [],
          imageTags: [],
          networks: [],
          volumes: [],
          services: [],
        },
      };
    });
    const reset = await LessonRun.open({ client: daemon.client, entry, record: recordIn(store), snapshot: "recorded" });
    expect(reset.made).toBeUndefined();
    expect(await reset.owned()).toBeUndefined();
    // Leaving such a lesson lists nothing as the lesson's (and never says the daemon did not answer).
    expect(await leftoversReport(reset, createTheme(false))).toBe("");
    // A resumed run records from its start on: then what it made is listed.
    const resumed = await LessonRun.open({ client: daemon.client, entry, record: recordIn(store), snapshot: "record" });
    daemon.add("db-new", "db");
    await resumed.recordMade();
    expect(recordIn(store).made?.containers.map((c) => c.id)).toEqual(["db-new"]);
    expect(await leftoversReport(resumed, createTheme(false))).toContain(
      "What the lesson made is still on the daemon:\n  - container db (postgres)\n",
    );
  });

  it("a test run keeps its record to itself", async () => {
    const daemon = fakeDaemon();
    const run = await LessonRun.open({ client: daemon.client, entry, snapshot: "fresh" });
    daemon.add("db-1", "db");
    await run.recordMade();
    expect(run.made?.containers.map((c) => c.id)).toEqual(["db-1"]);
  });

  it("removes a playground only when its own startPlayground made one", async () => {
    const daemon = fakeDaemon();
    const onNodes = { ...entry, lesson: { ...lesson, requires: { ...lesson.requires, nodes: 1, playground: "play" } } };
    const run = await LessonRun.open({ client: daemon.client, entry: onNodes, snapshot: "fresh" });
    // the fake daemon throws if the playground is touched at all
    await expect(run.removePlayground()).resolves.toBeUndefined();
  });
});

describe("MadeRecorder: when it looks", () => {
  afterEach(() => vi.useRealTimers());
  const event = (action: string, attributes: Record<string, string> = {}): DockerEvent => ({
    type: "container",
    action,
    actorId: "x",
    attributes,
    timeMs: 0,
  });

  /** A recorder whose run began on an empty daemon. */
  const recorderOnEmptyDaemon = () => {
    const daemon = fakeDaemon();
    const recorder = new MadeRecorder({
      client: daemon.client,
      lesson,
      baseline: baselineOf({ containers: [], images: [], networks: [], volumes: [], services: [], swarmActive: false }, new Date(0)),
      made: undefined,
    });
    return { daemon, recorder };
  };

  it("once, shortly after a burst of events that make something; never for the tutor's own probes or other events", async () => {
    vi.useFakeTimers();
    const { daemon, recorder } = recorderOnEmptyDaemon();
    daemon.add("db-1", "db");
    recorder.saw(event("create"));
    recorder.saw(event("create"));
    recorder.saw(event("start"));
    await vi.advanceTimersByTimeAsync(1000);
    expect(daemon.reads()).toBe(1);
    expect(recorder.record?.containers.map((c) => c.id)).toEqual(["db-1"]);
    recorder.saw(event("create", { "docker-tutor.purpose": "probe" }));
    recorder.saw(event("exec_start: ls"));
    await vi.advanceTimersByTimeAsync(1000);
    expect(daemon.reads()).toBe(1);
    recorder.saw(event("create"));
    recorder.stop();
    await vi.advanceTimersByTimeAsync(1000);
    expect(daemon.reads()).toBe(1);
  });

  it("waits while check rounds run, and looks once they are done (or after 2 s of them)", async () => {
    vi.useFakeTimers();
    const { daemon, recorder } = recorderOnEmptyDaemon();
    let checking = true;
    recorder.yieldTo(() => checking);
    daemon.add("db-1", "db");
    recorder.saw(event("create"));
    await vi.advanceTimersByTimeAsync(1000);
    expect(daemon.reads()).toBe(0);
    checking = false;
    await vi.advanceTimersByTimeAsync(200);
    expect(daemon.reads()).toBe(1);
    checking = true;
    recorder.lookSoon();
    await vi.advanceTimersByTimeAsync(1500);
    expect(daemon.reads()).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(daemon.reads()).toBe(2);
  });
});
