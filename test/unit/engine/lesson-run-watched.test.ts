import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { DockerClient } from "../../../src/docker/client.js";
import { TutorExecs } from "../../../src/docker/tutor-execs.js";
import type { DockerEvent } from "../../../src/docker/views.js";
import { LessonRecord } from "../../../src/engine/lesson-record.js";
import { LessonRun } from "../../../src/engine/lesson-run.js";
import type { CatalogEntry } from "../../../src/lessons/catalog.js";
import { lessonSchema } from "../../../src/lessons/schema.js";
import { ProgressStore } from "../../../src/progress/store.js";

/** Two steps on one container, the second undoing the first's state: run it, then stop it. */
const lesson = lessonSchema.parse({
  format: 1,
  id: "undo",
  number: 9,
  slug: "undo",
  title: "Undo",
  summary: "s",
  minutes: 1,
  steps: [
    { id: "up", title: "Run web", text: "t", checks: [{ kind: "container", name: "web", state: "running" }] },
    { id: "down", title: "Stop web", text: "t", checks: [{ kind: "container", name: "web", state: "exited" }] },
  ],
});
const entry: CatalogEntry = { lesson, file: "", assetDir: "", source: "built-in", variables: {}, shellAllowed: false };
const START = Date.parse("2026-12-06T10:00:00Z");

/** A daemon with one container to change and a live event stream to push to, as the tutor follows it. */
function liveDaemon() {
  let now = START;
  const web = { state: "" };
  const history: DockerEvent[] = [];
  const listeners = new Set<(e: DockerEvent) => void>();
  const details = () => ({
    id: "web-id",
    name: "web",
    image: "nginx",
    status: web.state,
    running: web.state === "running",
    created: new Date(START + 1000),
    labels: {},
    networks: [],
  });
  const client = {
    info: async () => ({ swarm: { state: "inactive" }, systemTime: new Date(now) }),
    listContainers: async () =>
      web.state ? [{ id: "web-id", name: "web", image: "nginx", created: new Date(START + 1000), labels: {} }] : [],
    inspectContainer: async (name: string) => (web.state && (name === "web" || name === "web-id") ? details() : undefined),
    listImages: async () => [],
    listNetworks: async () => [],
    listVolumes: async () => [],
    listServicesDetailed: async () => [],
    events: ({ signal, until }: { signal: AbortSignal; until?: Date }) =>
      (async function* () {
        if (until) {
          yield* history;
          return;
        }
        const queue: DockerEvent[] = [];
        let wake: () => void = () => undefined;
        const listener = (e: DockerEvent) => {
          queue.push(e);
          wake();
        };
        listeners.add(listener);
        signal.addEventListener("abort", () => wake());
        try {
          while (!signal.aborted) {
            const next = queue.shift();
            if (next) yield next;
            else await new Promise<void>((resolve) => (wake = resolve));
          }
        } finally {
          listeners.delete(listener);
        }
      })(),
    tutorExecs: new TutorExecs(),
  } as unknown as DockerClient;
  return {
    client,
    set(state: string, action: string) {
      now += 1000;
      web.state = state;
      const event = { type: "container", action, actorId: "web-id", attributes: { name: "web" }, timeMs: now };
      history.push(event);
      for (const l of listeners) l(event);
    },
    now: () => new Date(now),
  };
}

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
};

describe("LessonRun.watchEveryStep: a command's steps, each recorded as it passes", () => {
  it("a step whose state a later step undid passes by its record; --live and a progress without it fail it", async () => {
    const daemon = liveDaemon();
    const store = new ProgressStore(join(mkdtempSync(join(tmpdir(), "dtt-watched-")), "progress.json"), () => undefined);
    const record = () => new LessonRecord(store, lesson.id, daemon.now);
    const run = await LessonRun.open({ client: daemon.client, entry, record: record(), snapshot: "record", now: daemon.now });
    const seen: string[] = [];
    const watch = await run.watchEveryStep({ passed: (step) => seen.push(step.id), warn: () => undefined, tickMs: 60_000, settleMs: 0 });
    daemon.set("running", "start");
    await until(() => seen.includes("up"));
    daemon.set("exited", "die");
    await until(() => seen.includes("down"));
    expect([...(await watch.close())].sort()).toEqual(["down", "up"]);
    expect(record().passes().up).toMatchObject({ by: "watched", resources: [{ ref: "container:web", id: "web-id" }] });

    const check = await LessonRun.open({ client: daemon.client, entry, record: record(), snapshot: "recorded", now: daemon.now });
    const grade = await check.grade();
    expect(grade.steps.map((s) => [s.id, s.pass, s.evidence, s.changedBy?.id])).toEqual([
      ["up", true, "recorded", "down"],
      ["down", true, "live", undefined],
    ]);
    expect(grade).toMatchObject({ passed: 2, total: 2 });
    expect((await check.grade({ live: true })).passed).toBe(1);

    record().forget();
    const afterReset = await LessonRun.open({ client: daemon.client, entry, record: record(), snapshot: "recorded", now: daemon.now });
    expect((await afterReset.grade()).steps[0]).toMatchObject({ id: "up", pass: false, evidence: null, unrecorded: true });
  });
});
