import { beforeAll, describe, expect, it } from "vitest";
import type { LessonOutput } from "../../src/engine/events.js";
import { shell } from "../helpers/docker-cli.js";
import { engineJson, requireDaemon, uniqueName } from "../helpers/engine-api.js";
import { runSolution, startHeadlessLesson } from "../helpers/lesson-harness.js";

/**
 * Lesson 1 end to end, headless, against the real daemon: each step's checks fail before, the
 * learner's commands run with the docker CLI, and the step turns green through the event path
 * (the poll tick is off, so nothing else could turn it green).
 */
let alpineBefore = false;

beforeAll(async () => {
  await requireDaemon();
  const images = await engineJson<{ RepoTags: string[] | null }[]>("/images/json");
  alpineBefore = images.some((i) => (i.RepoTags ?? []).includes("alpine:latest"));
});

type Passed = Extract<LessonOutput, { type: "passed" }>;
const failedOf = (o: LessonOutput) => (o.type === "not-yet" ? o.results.filter((r) => !r.pass) : []);

describe("lesson 1 (hello-world)", () => {
  it("every step fails before and passes after the learner's commands, through daemon events", async () => {
    const h = await startHeadlessLesson(1, { shell: uniqueName("shell"), echoer: uniqueName("motto") });
    const steps = h.entry.lesson.steps;
    const latencies: number[] = [];
    try {
      for (const [index, step] of steps.entries()) {
        const shown = await h.waitFor((o) => o.type === "step" && o.index === index);
        const from = h.outputs.indexOf(shown);
        if (step.kind === "quiz") {
          const answer = step.quiz?.answer ?? "alpine";
          h.session.engine.dispatch({ type: "answer", value: Array.isArray(answer) ? (answer[0] ?? "") : answer });
          const result = await h.waitFor((o) => o.type === "quiz-result" && o.step.id === step.id, 20_000, from);
          expect(result.output, step.id).toMatchObject({ correct: true });
          continue;
        }
        if (step.id === "pull-alpine" && alpineBefore) {
          // alpine was already on the daemon: the step is true on arrival and passes at once.
          const passed = await h.waitFor((o) => o.type === "passed" && o.step.id === step.id, 20_000, from);
          expect((passed.output as Passed).trigger.kind).toBe("start");
          continue;
        }
        h.session.engine.dispatch({ type: "key", key: "check" });
        const before = await h.waitFor((o) => o.type === "not-yet" && o.step.id === step.id, 20_000, from);
        expect(failedOf(before.output).length, `${step.id} must fail before its commands`).toBeGreaterThan(0);
        await runSolution(step);
        const passed = await h.waitFor((o) => o.type === "passed" && o.step.id === step.id, 20_000, from);
        const trigger = (passed.output as Passed).trigger;
        expect(trigger.kind, `${step.id} turns green through a daemon event`).toBe("daemon-event");
        if (trigger.kind === "daemon-event") latencies.push(passed.atMs - trigger.eventTimeMs);
      }
      const done = await h.waitFor((o) => o.type === "lesson-done");
      expect(done.output).toMatchObject({ type: "lesson-done", total: steps.length, skipped: 0 });
      console.log(`lesson 1: daemon event → verdict (ms): ${latencies.join(", ")}`);
    } finally {
      await h.session.close();
      await h.removeContainersMade();
    }
  }, 180_000);

  it("an echo with other text fails, naming the command that ran and the one expected", async () => {
    const h = await startHeadlessLesson(1, { shell: uniqueName("shell") }, { stepId: "echo-from-alpine" });
    try {
      expect((await shell("docker container run alpine echo hello there")).code).toBe(0);
      h.session.engine.dispatch({ type: "key", key: "check" });
      const failed = failedOf((await h.waitFor((o) => o.type === "not-yet")).output);
      expect(failed.map((r) => r.actual).join(" ")).toContain("echo hello there");
      expect(failed.map((r) => r.expected).join(" ")).toContain("echo hello from alpine");
    } finally {
      await h.session.close();
      await h.removeContainersMade();
    }
  });

  it("a file made in the wrong container fails, naming what differs", async () => {
    const h = await startHeadlessLesson(1, { shell: uniqueName("shell") }, { stepId: "make-a-file" });
    try {
      expect((await shell("docker container run alpine sh -c 'echo hello world > hello.txt'")).code).toBe(0);
      h.session.engine.dispatch({ type: "key", key: "check" });
      const failed = failedOf((await h.waitFor((o) => o.type === "not-yet")).output);
      expect(failed.length).toBeGreaterThan(0);
      expect(failed.map((r) => `${r.expected} / ${r.actual}`).join(" ")).toMatch(/\/bin\/ash/);
    } finally {
      await h.session.close();
      await h.removeContainersMade();
    }
  });

  it("an early wrong `ls` never passes a later step, and `start` alone never passes step 9: the learner's own exec does", async () => {
    const shellName = uniqueName("shell");
    const h = await startHeadlessLesson(1, { shell: shellName }, { stepId: "make-a-file" });
    const step = (id: string) => h.entry.lesson.steps.find((s) => s.id === id) ?? expect.fail(`no step ${id}`);
    const passedAt = (id: string, from = 0) => h.waitFor((o) => o.type === "passed" && o.step.id === id, 20_000, from);
    try {
      await h.waitFor((o) => o.type === "step" && o.step.id === "make-a-file");
      // a wrong try during make-a-file: the very container "Where did the file go?" asks for, too early
      expect((await shell("docker container run alpine ls")).code).toBe(0);
      await runSolution(step("make-a-file"));
      await passedAt("make-a-file");
      const isolated = await h.waitFor((o) => o.type === "step" && o.step.id === "file-is-isolated");
      h.session.engine.dispatch({ type: "key", key: "check" });
      const early = failedOf((await h.waitFor((o) => o.type === "not-yet", 20_000, h.outputs.indexOf(isolated))).output);
      expect(early.map((r) => r.actual).join(" ")).toContain("was created since this step began");
      await runSolution(step("file-is-isolated"));
      await passedAt("file-is-isolated");

      const restart = await h.waitFor((o) => o.type === "step" && o.step.id === "restart-and-exec");
      const from = h.outputs.indexOf(restart);
      expect((await shell(`docker container start ${shellName}`)).code).toBe(0);
      // the start's event runs a round, whose exec check runs `ls /hello.txt` in the container: the tutor's, not the learner's
      await new Promise((resolve) => setTimeout(resolve, 1500));
      h.session.engine.dispatch({ type: "key", key: "check" });
      const notYet = failedOf((await h.waitFor((o) => o.type === "not-yet", 20_000, from)).output);
      expect(notYet.map((r) => r.kind)).toEqual(["action"]);
      expect(notYet[0]?.actual).toBe(
        `no exec in your \`alpine\` container that ran \`/bin/ash\` since this step began (the tutor's own checks do not count)`,
      );
      expect((await shell(`docker container exec ${shellName} ls`)).code).toBe(0);
      const passed = await passedAt("restart-and-exec", from);
      expect((passed.output as Passed).trigger.kind).toBe("daemon-event");
    } finally {
      await h.session.close();
      await h.removeContainersMade();
    }
  }, 120_000);
});
