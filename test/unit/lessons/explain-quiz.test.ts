import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planLine } from "../../../src/docker/interpreter/interpret.js";
import { builtInLessonsDir, loadLessonFile } from "../../../src/lessons/catalog.js";

/**
 * Lesson 1's `client-and-daemon` quiz asks how many calls `docker-tutor explain` lists for the
 * command its step shows. The answer is fixed in the lesson, so it is held here to what the
 * interpreter plans: a change to the plan that would make the quiz wrong fails this test.
 */
const loaded = loadLessonFile(join(builtInLessonsDir(), "01-hello-world.yaml"), "built-in", {});
const step = loaded.entry?.lesson.steps.find((s) => s.id === "client-and-daemon");

function explainedCommand(): string {
  const line = step?.commands.find((c) => c.startsWith("docker-tutor explain "));
  const quoted = line?.match(/^docker-tutor explain "(.+)"$/)?.[1];
  if (quoted === undefined) throw new Error('the step shows no `docker-tutor explain "…"` line');
  return quoted;
}

describe("lesson 1's client-and-daemon quiz", () => {
  it("accepts the number of calls explain lists when the image is missing", () => {
    const planned = planLine(explainedCommand(), { vars: {}, cwd: "/tmp" });
    if (!planned.ok) throw new Error(planned.problem);
    const answers = [step?.quiz?.answer ?? []].flat();
    expect(answers).toContain(String(planned.calls.length));
    expect(planned.calls.length).toBe(6);
  });

  it("matches its explanation: only the pull and the second create depend on the image being missing", () => {
    const planned = planLine(explainedCommand(), { vars: {}, cwd: "/tmp" });
    if (!planned.ok) throw new Error(planned.problem);
    const always = planned.calls.filter((call) => call.when === undefined);
    expect(always.map((call) => `${call.method} ${call.path}`)).toEqual([
      "POST /containers/create",
      "POST /containers/{id}/attach",
      "POST /containers/{id}/wait",
      "POST /containers/{id}/start",
    ]);
    expect(step?.quiz?.explanation).toContain("four calls");
  });
});
