import { describe, expect, it } from "vitest";
import { gradeSteps } from "../../../src/engine/grade.js";
import { loadCatalog } from "../../../src/lessons/catalog.js";
import { failsList } from "../../../src/testing/attempt-verdict.js";
import { formatOutput } from "../../../src/ui/lesson-output.js";
import { createTextRenderer } from "../../../src/ui/text-renderer.js";
import { createTheme } from "../../../src/ui/theme.js";

const lessons = loadCatalog([], {}).map((entry) => entry.lesson);
/** The step that removes what the lesson made, when it has one: the challenge comes before it. */
const CLEANUP = /^clean-?up$/;

describe("every built-in lesson ends with a challenge", () => {
  it.each(lessons.map((l) => [l.number, l] as const))("lesson %i", (_, lesson) => {
    const cleanup = lesson.steps.findIndex((s) => CLEANUP.test(s.id));
    const before = cleanup < 0 ? lesson.steps : lesson.steps.slice(0, cleanup);
    const lastChecked = before.filter((s) => s.kind !== "quiz").at(-1);
    expect(lastChecked?.kind).toBe("challenge");
    for (const step of lesson.steps.filter((s) => s.kind === "challenge")) {
      expect(step.alternatives.length, step.id).toBeGreaterThanOrEqual(1);
      expect(step.wrongAttempts.length, step.id).toBeGreaterThanOrEqual(2);
      expect(step.hints.length, step.id).toBeGreaterThanOrEqual(2);
      // Each near miss says what the learner is told, in words a check can say.
      for (const wrong of step.wrongAttempts)
        expect(
          failsList(wrong.fails).every((f) => f.trim().length >= 5),
          wrong.title,
        ).toBe(true);
    }
  });
});

describe("a challenge on the lesson's screen", () => {
  const text = createTextRenderer(() => 80, createTheme(false));
  const challenge = lessons[2]?.steps.find((s) => s.kind === "challenge");
  const task = lessons[2]?.steps.find((s) => s.kind === "task");

  it("shows the goal and no Type: block: the commands are the learner's to find", () => {
    if (!challenge) throw new Error("lesson 3 has a challenge");
    const shown = formatOutput({ type: "step", step: challenge, index: 15, total: 16 }, text, { lessonNumber: 3, lessonTitle: "t" });
    expect(shown).toContain("Challenge: no commands this time. h for a hint.");
    expect(shown).toContain("Serve it on");
    expect(shown).not.toContain("--mount");
    expect(shown).not.toMatch(/^Type/m);
  });

  it("leaves a task's Type: block as it was", () => {
    if (!task) throw new Error("lesson 3 has a task");
    const shown = formatOutput({ type: "step", step: task, index: 0, total: 16 }, text, { lessonNumber: 3, lessonTitle: "t" });
    expect(shown).not.toContain("Challenge:");
    expect(shown).toContain(task.commands[0]?.split(" ")[0] ?? "docker");
  });
});

describe("check grades a challenge as a task and says it is one", () => {
  it("kind challenge, counted toward the score", async () => {
    const lesson = lessons[0];
    if (!lesson) throw new Error("lesson 1");
    const grade = await gradeSteps(lesson, undefined, async (step) => [
      { kind: "container", pass: step.kind === "challenge", expected: "e", actual: "a" },
    ]);
    const challenge = grade.steps.find((s) => s.id === "challenge-motto");
    expect(challenge).toMatchObject({ kind: "challenge", pass: true });
    expect(grade.passed).toBe(1);
    expect(grade.total).toBe(lesson.steps.filter((s) => s.kind !== "quiz").length);
  });
});
