import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Dockerode from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckResult } from "../../../src/checks/check.js";
import type { DockerClient } from "../../../src/docker/client.js";
import type { LessonOutput } from "../../../src/engine/events.js";
import { LessonRecord } from "../../../src/engine/lesson-record.js";
import { LessonRun } from "../../../src/engine/lesson-run.js";
import type { CatalogEntry } from "../../../src/lessons/catalog.js";
import { lessonSchema, type Step } from "../../../src/lessons/schema.js";
import { ProgressStore } from "../../../src/progress/store.js";
import { DAEMON_SOCKET } from "../../helpers/engine-api.js";
import { connectClient, docker, Made, TEST_LABEL } from "./daemon-fixtures.js";

/**
 * The action check against the real daemon: an exec a "learner" sends through dockerode (as the
 * docker CLI does) counts; the tutor's own exec check, running the very same command, never does;
 * a network disconnect counts only when done during the step.
 */
let client: DockerClient;
const learner = new Dockerode({ socketPath: DAEMON_SOCKET });
const made = new Made();

beforeAll(async () => {
  client = await connectClient();
});
afterAll(() => made.removeAll());

function lessonOf(steps: unknown[]): CatalogEntry {
  const lesson = lessonSchema.parse({ format: 1, id: "actions", number: 90, slug: "actions", title: "t", summary: "s", minutes: 1, steps });
  return { lesson, file: "", assetDir: "", source: "built-in", variables: {}, shellAllowed: false };
}

/** Runs `command` in the container as a learner's CLI would: create, start attached, wait for the end. */
async function learnerExec(container: string, command: string[]): Promise<void> {
  const exec = await learner.getContainer(container).exec({ Cmd: command, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  await new Promise((resolve) => {
    stream.on("end", resolve);
    stream.resume();
  });
}

const byKind = (results: readonly CheckResult[], kind: string) => results.find((r) => r.kind === kind);

describe("action check against the daemon", () => {
  it("the tutor's own `ls` probe does not count; the learner's `ls` through dockerode does", async () => {
    const name = made.name("container", "shell");
    await docker("run", "-d", "--name", name, "--label", TEST_LABEL, "alpine", "sleep", "300");
    const entry = lessonOf([
      {
        id: "exec-ls",
        title: "Exec ls",
        text: "t",
        checks: [
          { kind: "exec", name, run: ["ls", "/etc/hostname"] },
          { kind: "action", action: "exec", name, program: "ls" },
        ],
      },
    ]);
    const step = entry.lesson.steps[0] as Step;
    const run = await LessonRun.open({ client, entry, snapshot: "fresh" });
    await run.enterStep(step);
    const before = await run.evaluate(step);
    expect(byKind(before, "exec")?.pass).toBe(true);
    expect(byKind(before, "action")).toMatchObject({
      pass: false,
      actual: `no exec in container \`${name}\` since this step began (the tutor's own checks do not count)`,
    });
    // and a second round, whose history holds the first round's probe too
    expect(byKind(await run.evaluate(step), "action")?.pass).toBe(false);
    await learnerExec(name, ["ls", "/"]);
    const after = await run.evaluate(step);
    expect(byKind(after, "action")).toMatchObject({
      pass: true,
      actual: `you ran \`ls /\` in container \`${name}\` since this step began; it exited with code 0`,
    });
  }, 60_000);

  it("a disconnect counts only when done during the step", async () => {
    const name = made.name("container", "pinger");
    const net = made.name("network", "net");
    await docker("network", "create", "--label", TEST_LABEL, net);
    await docker("run", "-d", "--name", name, "--label", TEST_LABEL, "alpine", "sleep", "300");
    await docker("network", "connect", net, name);
    await docker("network", "disconnect", net, name);
    await docker("network", "connect", net, name);
    const entry = lessonOf([
      { id: "unplug", title: "Unplug", text: "t", checks: [{ kind: "action", action: "disconnect", name, network: net }] },
    ]);
    const step = entry.lesson.steps[0] as Step;
    const run = await LessonRun.open({ client, entry, snapshot: "fresh" });
    await run.enterStep(step);
    const before = await run.evaluate(step);
    expect(before[0]).toMatchObject({
      pass: false,
      actual: `nobody unplugged container \`${name}\` from network \`${net}\` since this step began`,
    });
    await learner.getNetwork(net).disconnect({ Container: name });
    expect((await run.evaluate(step))[0]).toMatchObject({ pass: true });
  }, 60_000);

  it("in the interactive lesson, the tutor's polled probes never pass the step; the learner's exec does", async () => {
    const name = made.name("container", "shell");
    await docker("run", "-d", "--name", name, "--label", TEST_LABEL, "alpine", "sleep", "300");
    const entry = lessonOf([
      {
        id: "exec-ls",
        title: "Exec ls",
        text: "t",
        checks: [
          { kind: "exec", name, run: ["ls", "/etc/hostname"] },
          { kind: "action", action: "exec", name, program: "ls" },
        ],
      },
    ]);
    const progress = new ProgressStore(join(mkdtempSync(join(tmpdir(), "dtt-action-")), "progress.json"), () => undefined);
    const record = new LessonRecord(progress, entry.lesson.id, () => new Date());
    const run = await LessonRun.open({ client, entry, record, snapshot: "record" });
    const outputs: LessonOutput[] = [];
    // Ticks every 200 ms: the exec check is polled, so the tutor runs `ls /etc/hostname` in the container again and again.
    const watch = run.watch({ emit: (o) => outputs.push(o), tickMs: 200 });
    try {
      watch.start();
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect(outputs.filter((o) => o.type === "passed")).toEqual([]);
      await learnerExec(name, ["ls"]);
      const deadline = Date.now() + 10_000;
      while (!outputs.some((o) => o.type === "passed") && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      const passed = outputs.find((o) => o.type === "passed");
      // (lesson-1.test.ts, with no ticks, shows the learner's exec passing step 9 through its own event)
      expect(passed).toMatchObject({ type: "passed", step: { id: "exec-ls" } });
      // progress keeps the learner's exec as the step's evidence, and none of the tutor's probes
      const evidence = record.evidence("exec-ls").filter((e) => e.action.startsWith("exec_start"));
      expect(evidence.map((e) => e.action.trim())).toEqual(["exec_start: ls"]);
    } finally {
      await watch.close();
    }
  }, 60_000);
});
