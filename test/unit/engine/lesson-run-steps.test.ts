import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { DockerClient } from "../../../src/docker/client.js";
import { TutorExecs } from "../../../src/docker/tutor-execs.js";
import type { ContainerDetails, ContainerSummary, DockerEvent } from "../../../src/docker/views.js";
import { LessonRecord } from "../../../src/engine/lesson-record.js";
import { LessonRun } from "../../../src/engine/lesson-run.js";
import type { CatalogEntry } from "../../../src/lessons/catalog.js";
import { lessonSchema, type Step } from "../../../src/lessons/schema.js";
import { ProgressStore } from "../../../src/progress/store.js";

const MINUTE = 60_000;
/** The daemon's clock runs ten minutes behind the tutor's: every window must be on the daemon's. */
const SKEW = -10 * MINUTE;
const TUTOR_START = Date.parse("2026-12-06T10:00:00Z");

const lesson = lessonSchema.parse({
  format: 1,
  id: "steps",
  number: 9,
  slug: "steps",
  title: "Steps",
  summary: "s",
  minutes: 1,
  steps: [
    { id: "run-ls", title: "Run ls", text: "t", checks: [{ kind: "container", image: "alpine", command: "ls" }] },
    { id: "exec-ls", title: "Exec ls", text: "t", checks: [{ kind: "action", action: "exec", name: "shell", program: "ls" }] },
  ],
});
const entry: CatalogEntry = { lesson, file: "", assetDir: "", source: "built-in", variables: {}, shellAllowed: false };
const [runLs, execLs] = lesson.steps as [Step, Step];

/** A daemon with a tutor's clock to move, containers and an event history it can be made to forget. */
function fakeDaemon() {
  let tutorNow = TUTOR_START;
  const daemonNow = () => tutorNow + SKEW;
  const containers: { id: string; name: string; cmd: string[]; created: number }[] = [];
  const history: DockerEvent[] = [];
  const sinces: number[] = [];
  const summary = (c: (typeof containers)[number]) =>
    ({
      id: c.id,
      name: c.name,
      image: "alpine",
      created: new Date(Math.floor(c.created / 1000) * 1000),
      labels: {},
    }) as Partial<ContainerSummary>;
  const details = (c: (typeof containers)[number]) =>
    ({
      id: c.id,
      name: c.name,
      image: "alpine",
      cmd: c.cmd,
      command: c.cmd,
      created: new Date(c.created),
      labels: {},
    }) as Partial<ContainerDetails>;
  const newClient = () =>
    ({
      info: async () => ({ swarm: { state: "inactive" }, systemTime: new Date(daemonNow()) }),
      listContainers: async () => containers.map(summary),
      inspectContainer: async (idOrName: string) => {
        const found = containers.find((c) => c.id === idOrName || c.name === idOrName);
        return found && details(found);
      },
      listImages: async () => [],
      listNetworks: async () => [],
      listVolumes: async () => [],
      listServicesDetailed: async () => [],
      events: ({ since, until }: { since?: Date; until?: Date }) => {
        sinces.push(since?.getTime() ?? Number.NaN);
        const from = since?.getTime() ?? 0;
        const to = until?.getTime() ?? Number.POSITIVE_INFINITY;
        return (async function* () {
          yield* history.filter((e) => e.timeMs >= from && e.timeMs <= to);
        })();
      },
      tutorExecs: new TutorExecs(),
    }) as unknown as DockerClient;
  return {
    newClient,
    containers,
    history,
    sinces,
    daemonNow,
    /** The tutor's clock, for LessonRun.open's `now`. */
    now: () => new Date(tutorNow),
    pass: (ms: number) => {
      tutorNow += ms;
    },
    /** An exec of `ls` in container `shell`, as the daemon reports it. */
    execLs: (execId: string): DockerEvent => ({
      type: "container",
      action: "exec_start: ls",
      actorId: "shell-id",
      attributes: { execID: execId, name: "shell" },
      timeMs: daemonNow(),
    }),
  };
}

function progressIn(dir = mkdtempSync(join(tmpdir(), "dtt-steps-"))) {
  const store = new ProgressStore(join(dir, "progress.json"), () => undefined);
  return { dir, record: () => new LessonRecord(store, lesson.id, () => new Date(TUTOR_START)) };
}

describe("LessonRun: a step's window", () => {
  it("a container from an earlier try, before the step began, does not count; one made during it does", async () => {
    const daemon = fakeDaemon();
    const client = daemon.newClient();
    const run = await LessonRun.open({ client, entry, now: daemon.now, snapshot: "record", record: progressIn().record() });
    daemon.pass(MINUTE);
    daemon.containers.push({ id: "early", name: "wrong_try", cmd: ["ls"], created: daemon.daemonNow() });
    daemon.pass(3 * MINUTE);
    await run.enterStep(runLs);
    const before = await run.evaluate(runLs);
    expect(before[0]).toMatchObject({ pass: false, expected: "a container from `alpine` created since this step began that ran `ls`" });
    daemon.pass(5000);
    daemon.containers.push({ id: "late", name: "right_try", cmd: ["ls"], created: daemon.daemonNow() });
    expect((await run.evaluate(runLs))[0]?.pass).toBe(true);
  });

  it("progress keeps the step's start on the daemon's clock: `check` later uses it; without one, the lesson's start", async () => {
    const daemon = fakeDaemon();
    const progress = progressIn();
    const lessonRun = await LessonRun.open({
      client: daemon.newClient(),
      entry,
      now: daemon.now,
      snapshot: "record",
      record: progress.record(),
    });
    daemon.pass(MINUTE);
    await lessonRun.enterStep(execLs);
    expect(progress.record().stepStart(execLs.id)?.getTime()).toBe(daemon.daemonNow());

    const check = await LessonRun.open({
      client: daemon.newClient(),
      entry,
      now: daemon.now,
      snapshot: "recorded",
      record: progress.record(),
    });
    expect(check.stepStart(execLs)?.getTime()).toBe(daemon.daemonNow());
    expect(check.stepStart(runLs)).toBeUndefined();
    const grade = await check.grade();
    expect(grade.steps[0]?.checks[0]?.expected).toContain("created since the lesson began");
    expect(grade.steps[1]?.checks[0]?.expected).toContain("during this step");
    // the daemon's history was asked from the step's start, and for the other step from the lesson's
    expect(daemon.sinces).toEqual(expect.arrayContaining([daemon.daemonNow()]));
  });

  it("a step shown again before it is done keeps its first start (a resumed lesson); a finished one starts afresh", async () => {
    const daemon = fakeDaemon();
    const progress = progressIn();
    const run = await LessonRun.open({ client: daemon.newClient(), entry, now: daemon.now, snapshot: "record", record: progress.record() });
    await run.enterStep(execLs);
    const first = daemon.daemonNow();
    daemon.pass(MINUTE);
    const resumed = await LessonRun.open({
      client: daemon.newClient(),
      entry,
      now: daemon.now,
      snapshot: "record",
      record: progress.record(),
    });
    await resumed.enterStep(execLs);
    expect(resumed.stepStart(execLs)?.getTime()).toBe(first);
    progress.record().recordStep(execLs.id, { status: "passed" });
    daemon.pass(MINUTE);
    await resumed.enterStep(execLs);
    expect(resumed.stepStart(execLs)?.getTime()).toBe(daemon.daemonNow());
  });
});

describe("LessonRun: what the learner did, told apart from the tutor's own probes", () => {
  const shell = { id: "shell-id", name: "shell", cmd: ["/bin/ash"], created: TUTOR_START + SKEW };

  it("the learner's exec counts; the tutor's probe with the same command does not", async () => {
    const daemon = fakeDaemon();
    daemon.containers.push(shell);
    const client = daemon.newClient();
    const run = await LessonRun.open({ client, entry, now: daemon.now, snapshot: "fresh" });
    await run.enterStep(execLs);
    daemon.pass(1000);
    client.tutorExecs.add("probe");
    daemon.history.push(daemon.execLs("probe"));
    expect((await run.evaluate(execLs))[0]).toMatchObject({ pass: false, actual: expect.stringContaining("no exec in container `shell`") });
    daemon.pass(1000);
    daemon.history.push(daemon.execLs("learner"));
    expect((await run.evaluate(execLs))[0]?.pass).toBe(true);
  });

  it("another tutor process's probe (a `check` while the lesson runs) does not count either", async () => {
    const daemon = fakeDaemon();
    daemon.containers.push(shell);
    const progress = progressIn();
    const lessonClient = daemon.newClient();
    const run = await LessonRun.open({ client: lessonClient, entry, now: daemon.now, snapshot: "record", record: progress.record() });
    const checkClient = daemon.newClient();
    await LessonRun.open({ client: checkClient, entry, now: daemon.now, snapshot: "recorded", record: progress.record() });
    await run.enterStep(execLs);
    daemon.pass(1000);
    checkClient.tutorExecs.add("probe-of-check");
    daemon.history.push(daemon.execLs("probe-of-check"));
    expect((await run.evaluate(execLs))[0]?.pass).toBe(false);
    daemon.pass(1000);
    daemon.history.push(daemon.execLs("learner"));
    expect((await run.evaluate(execLs))[0]?.pass).toBe(true);
  });

  it("an exec done before the step began does not count", async () => {
    const daemon = fakeDaemon();
    daemon.containers.push(shell);
    const run = await LessonRun.open({ client: daemon.newClient(), entry, now: daemon.now, snapshot: "fresh" });
    daemon.history.push(daemon.execLs("earlier"));
    daemon.pass(MINUTE);
    await run.enterStep(execLs);
    expect((await run.evaluate(execLs))[0]?.pass).toBe(false);
  });

  it("a step passed through settle keeps its evidence: `check` grades it after the daemon forgot", async () => {
    const daemon = fakeDaemon();
    daemon.containers.push(shell);
    const progress = progressIn();
    const run = await LessonRun.open({ client: daemon.newClient(), entry, now: daemon.now, snapshot: "record", record: progress.record() });
    await run.enterStep(execLs);
    daemon.pass(1000);
    daemon.history.push(daemon.execLs("learner"));
    expect((await run.settle(execLs, { until: Date.now() }))[0]?.pass).toBe(true);
    expect(progress.record().evidence(execLs.id)).toHaveLength(1);
    daemon.history.length = 0;
    const check = await LessonRun.open({
      client: daemon.newClient(),
      entry,
      now: daemon.now,
      snapshot: "recorded",
      record: progress.record(),
    });
    expect((await check.grade({ stepIndex: 1 })).steps[0]?.pass).toBe(true);
    const forgotten = await LessonRun.open({
      client: daemon.newClient(),
      entry,
      now: daemon.now,
      snapshot: "recorded",
      record: progressIn().record(),
    });
    expect((await forgotten.grade({ stepIndex: 1 })).steps[0]?.pass).toBe(false);
  });
});
