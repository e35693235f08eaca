import { describe, expect, it } from "vitest";
import type { LessonGrade, StepGrade } from "../../../src/engine/grade.js";
import { gradeMarkdown } from "../../../src/ui/grade-files.js";
import { clockTime, gradeJson, renderGrade } from "../../../src/ui/grade-report.js";
import { createTheme } from "../../../src/ui/theme.js";

const local = (h: number, m: number, day = 6) => new Date(2026, 11, day, h, m);
const NOW = local(15, 0);

const grade: LessonGrade = {
  lesson: { number: 4, id: "networks", slug: "networks", title: "Container networks" },
  steps: [
    { id: "run", number: 1, title: "Run it", kind: "task", pass: true, checks: [], hintsUsed: 0, evidence: "live", at: NOW.toISOString() },
    {
      id: "connect",
      number: 2,
      title: "Plug it in",
      kind: "task",
      pass: true,
      checks: [{ kind: "network", pass: true, expected: "pinger on net", actual: "pinger on net" }],
      hintsUsed: 1,
      evidence: "recorded",
      at: local(14, 2).toISOString(),
      changedBy: { id: "disconnect", number: 5 },
    },
    { id: "quiz", number: 3, title: "Pick", kind: "quiz", pass: null, checks: [], hintsUsed: 0, evidence: null },
    {
      id: "ping",
      number: 4,
      title: "Ping by name",
      kind: "task",
      pass: false,
      checks: [{ kind: "action", pass: false, expected: "a ping", actual: "no exec" }],
      hintsUsed: 0,
      evidence: null,
      unrecorded: true,
    },
  ],
  passed: 2,
  total: 3,
  hintsUsed: 1,
};

describe("the grade, in words and as JSON", () => {
  it("a recorded pass says when and what changed it since; a failing step a later one may have undone says how to get it recorded", () => {
    const text = renderGrade(grade, createTheme(false), { now: NOW });
    expect(text).toContain("✔  2. Plug it in passed at 14:02 (recorded; step 5 since changed what it checked)");
    expect(text).toContain("✖  4. Ping by name\n      expected a ping\n      actual   no exec\n");
    expect(text).toContain(
      "If you did this step, its state is gone and no record of it exists: run it with the lesson open (docker-tutor lesson 4 --step 4), or under docker-tutor check 4 -- <your commands>.",
    );
    expect(text).toContain("Score 2/3 task steps pass");
  });

  it("--live: a failing step the tutor saw pass says so, and that only the record was set aside", () => {
    const live = {
      ...grade,
      steps: [{ ...(grade.steps[3] as StepGrade), unrecorded: undefined, recordedAt: local(14, 7).toISOString() }],
    };
    const text = renderGrade(live, createTheme(false), { now: NOW });
    expect(text).toContain("The tutor saw it pass at 14:07; --live counts only what is there now (without --live, that record counts).");
    expect(text).not.toContain("no record of it exists");
    expect(gradeJson(live).steps[0]).toMatchObject({ recordedAt: local(14, 7).toISOString() });
  });

  it("a time of another day gives its date", () => {
    expect(clockTime(local(9, 5, 5).toISOString(), NOW)).toBe("2026-12-05 09:05");
    expect(clockTime(local(9, 5).toISOString(), NOW)).toBe("09:05");
  });

  it("--json: each step's evidence and its time (null when there is none), the later step by id", () => {
    const json = gradeJson(grade);
    expect(json.steps.map((s) => [s.id, s.pass, s.evidence, s.at])).toEqual([
      ["run", true, "live", NOW.toISOString()],
      ["connect", true, "recorded", local(14, 2).toISOString()],
      ["quiz", null, null, null],
      ["ping", false, null, null],
    ]);
    expect(json.steps[1]).toMatchObject({ changedBy: "disconnect", hintsUsed: 1 });
    expect(json.steps[3]).toMatchObject({ unrecorded: true });
    expect(json).toMatchObject({ lesson: { number: 4, id: "networks", slug: "networks" }, passed: 2, total: 3 });
  });

  it("the Markdown report marks a recorded pass as such", () => {
    const markdown = gradeMarkdown([grade], { docker: "Docker Engine 28.5.2 (API 1.51)", at: NOW });
    expect(markdown).toContain(
      "| 2 | Plug it in | pass (recorded) | 1 | passed at 14:02 (recorded; step 5 since changed what it checked) |",
    );
    expect(markdown).toContain("| 4 | Ping by name | **fail** | 0 | expected a ping; actual no exec<br>If you did this step");
  });
});
