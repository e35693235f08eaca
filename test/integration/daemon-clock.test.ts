import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { DockerClient } from "../../src/docker/client.js";
import { connectToDocker } from "../../src/docker/connect.js";
import { realHostWorld } from "../../src/docker/host-world.js";
import type { LessonOutput } from "../../src/engine/events.js";
import { LessonRecord } from "../../src/engine/lesson-record.js";
import { LessonRun } from "../../src/engine/lesson-run.js";
import type { CatalogEntry } from "../../src/lessons/catalog.js";
import { lessonSchema } from "../../src/lessons/schema.js";
import { ProgressStore } from "../../src/progress/store.js";
import { mustShell, shell } from "../helpers/docker-cli.js";
import { engineJson, requireDaemon, uniqueName } from "../helpers/engine-api.js";

/**
 * Issue 14, item 7: the tutor's clock is not the daemon's (a Docker Desktop or Colima VM whose
 * clock drifted while the laptop slept). Here the tutor's clock is made ten minutes off the
 * daemon's; "created since the lesson began" and the event stream's `since` must still follow the
 * daemon's clock: a container made after the lesson began is new, and turns the step green
 * through a daemon event.
 */
const MINUTE = 60_000;

function oneStepLesson(): CatalogEntry {
  const lesson = lessonSchema.parse({
    format: 1,
    id: uniqueName("clock"),
    number: 99,
    slug: "clock",
    title: "Clock",
    summary: "A container made during the lesson.",
    minutes: 1,
    steps: [{ id: "create", title: "Create", text: "docker container create alpine", checks: [{ kind: "container", image: "alpine" }] }],
  });
  return { lesson, file: "", assetDir: "", source: "built-in", variables: {}, shellAllowed: false };
}

describe("a tutor whose clock is not the daemon's", () => {
  it.each([
    ["ten minutes ahead", 10 * MINUTE],
    ["ten minutes behind", -10 * MINUTE],
  ])("%s: the lesson begins on the daemon's clock, and a container created after it is new, through a daemon event", async (_, skewMs) => {
    await requireDaemon();
    const { client: real } = await connectToDocker({}, realHostWorld({ PATH: process.env.PATH, HOME: process.env.HOME }));
    // The real client, noting where each event stream it opens starts.
    const sinces: number[] = [];
    const client: DockerClient = {
      ...real,
      events: (options) => {
        sinces.push(options.since?.getTime() ?? Number.NaN);
        return real.events(options);
      },
    };
    const entry = oneStepLesson();
    const dataDir = mkdtempSync(join(tmpdir(), "dtt-clock-"));
    const tutorNow = () => new Date(Date.now() + skewMs);
    const record = new LessonRecord(new ProgressStore(join(dataDir, "progress.json"), () => undefined), entry.lesson.id, tutorNow);
    // Only containers carrying this run's label count: other tests' alpine containers never do.
    const runLabel = { key: "docker-tutor.test-run", value: uniqueName("clock-run") };
    const name = uniqueName("clock-box");
    const outputs: LessonOutput[] = [];
    const run = await LessonRun.open({ client, entry, record, snapshot: "record", runLabel, now: tutorNow });
    const daemonNow = Date.parse((await engineJson<{ SystemTime: string }>("/info")).SystemTime);
    expect(Math.abs(run.scope.startedAt.getTime() - daemonNow), "the lesson began on the daemon's clock").toBeLessThan(5000);
    // The ticker would re-check on its own; an hour keeps daemon events the only trigger.
    const watch = run.watch({ emit: (o) => outputs.push(o), tickMs: 3_600_000 });
    try {
      watch.start();
      await until(() => outputs.some((o) => o.type === "step") && sinces.length > 0);
      // A second before the daemon's now: on the tutor's clock it would replay ten minutes, or miss every event for ten.
      expect(Math.abs((sinces[0] ?? 0) - (daemonNow - 1000)), "the event stream starts on the daemon's clock").toBeLessThan(5000);
      await mustShell(`docker container create --name ${name} --label ${runLabel.key}=${runLabel.value} alpine true`);
      await until(
        () => outputs.some((o) => o.type === "passed"),
        20_000,
        () => JSON.stringify(outputs.map((o) => o.type)),
      );
      const passed = outputs.find((o) => o.type === "passed");
      expect(passed?.type === "passed" && passed.trigger.kind, "the step turned green through a daemon event").toBe("daemon-event");
      const [step] = entry.lesson.steps;
      if (!step) throw new Error("the lesson has its step");
      expect(await run.evaluate(step)).toMatchObject([{ pass: true }]);
    } finally {
      await watch.close();
      await shell(`docker container rm --force ${name}`);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

/** Waits until `done` holds, or fails after `timeoutMs` saying what was seen. */
async function until(done: () => boolean, timeoutMs = 20_000, seen: () => string = () => ""): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms ${seen()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
