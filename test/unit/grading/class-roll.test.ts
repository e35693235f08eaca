import { describe, expect, it } from "vitest";
import { TutorError } from "../../../src/errors.js";
import { parseCheckFile, studentFromFileName } from "../../../src/grading/check-file.js";
import { rollUp } from "../../../src/grading/class-roll.js";
import { checkJson } from "../../helpers/check-json.js";

const file = (name: string, json: unknown) => parseCheckFile(name, JSON.stringify(json));

describe("parseCheckFile: a student's check --json file", () => {
  it.each([
    ["a.json", "a"],
    ["results/bob.check.json", "bob.check"],
    ["/tmp/Ann Lee.JSON", "Ann Lee"],
    ["carl", "carl"],
  ])("the student of %s is %s", (path, name) => expect(studentFromFileName(path)).toBe(name));

  it("reads one lesson (check N --json) and several (check --json), and the name from the file unless it says one", () => {
    expect(file("ann.json", checkJson({ number: 1 }, { a: "pass" }))).toMatchObject({
      student: "ann",
      lessons: [{ lesson: { number: 1 } }],
    });
    const both = file("x.json", [checkJson({ number: 1 }, { a: "pass" }), checkJson({ number: 2 }, { b: "fail" }, { student: "Bea" })]);
    expect(both.student).toBe("Bea");
    expect(both.lessons.map((l) => l.lesson.number)).toEqual([1, 2]);
  });

  it("keeps fields it does not know (newer check versions), and a step's evidence", () => {
    const parsed = file("a.json", { ...checkJson({ number: 1 }, { a: "recorded" }), future: { x: 1 } });
    expect(parsed.lessons[0]?.steps[0]).toMatchObject({ id: "a", pass: true, evidence: "recorded" });
  });

  it.each([
    ["not JSON", "{nope", /"bad\.json" is not the output of check --json: it is not JSON/],
    ["JSON of another shape", JSON.stringify({ lesson: 1 }), /"bad\.json" is not the output of check --json: .* at lesson/],
    ["an empty array", "[]", /"bad\.json" is not the output of check --json/],
    [
      "a step without a verdict",
      JSON.stringify({ lesson: { number: 1, id: "l", slug: "l" }, steps: [{ id: "a", title: "A" }] }),
      /at steps\.0\.pass/,
    ],
  ])("%s is refused, naming the file and how to make one", (_, text, message) => {
    const refused = (() => {
      try {
        parseCheckFile("bad.json", text);
      } catch (error) {
        return error;
      }
    })() as TutorError;
    expect(refused).toBeInstanceOf(TutorError);
    expect(refused.message).toMatch(message);
    expect(refused.fix).toContain("docker-tutor check <lesson> --json > NAME.json");
  });
});

describe("rollUp: students by steps, grouped by lesson, with totals", () => {
  const ann = file("ann.json", checkJson({ number: 1 }, { a: "pass", b: "recorded", c: "fail", q: "quiz-none" }));
  const bob = file("bob.json", [
    checkJson({ number: 2 }, { x: "pass" }),
    checkJson({ number: 1 }, { a: "fail", b: "pass", c: "pass", q: "quiz-pass" }),
  ]);

  it("orders lessons by number, steps as the files give them, students by name; verdicts per cell", () => {
    const roll = rollUp([bob, ann]);
    expect(roll.lessons.map((l) => [l.number, l.steps.map((s) => s.id)])).toEqual([
      [1, ["a", "b", "c", "q"]],
      [2, ["x"]],
    ]);
    expect(roll.students.map((s) => [s.name, s.verdicts])).toEqual([
      ["ann", ["pass", "recorded", "fail", "none", "none"]],
      ["bob", ["fail", "pass", "pass", "pass", "pass"]],
    ]);
  });

  it("totals: a student's scored steps passed (recorded counts, quizzes do not), and each step's students passed", () => {
    const roll = rollUp([ann, bob]);
    expect(roll.scoredSteps).toBe(4);
    expect(roll.students.map((s) => [s.name, s.passed])).toEqual([
      ["ann", 2],
      ["bob", 3],
    ]);
    expect(roll.steps.map((s) => [s.id, s.passedBy, s.scored])).toEqual([
      ["a", 1, true],
      ["b", 2, true],
      ["c", 1, true],
      ["q", 1, false],
      ["x", 1, true],
    ]);
  });

  it("a failed cell carries the first failed check's expected and actual", () => {
    const roll = rollUp([ann]);
    expect(roll.students[0]?.details).toEqual([undefined, undefined, "expected a container for c; actual none", undefined]);
  });

  it("files of one student (a file per lesson) are one row; the same lesson twice: the later file counts, with a note", () => {
    const first = file("cy-1.json", checkJson({ number: 1 }, { a: "fail" }, { student: "cy" }));
    const second = file("cy-2.json", checkJson({ number: 2 }, { x: "pass" }, { student: "cy" }));
    const again = file("cy-3.json", checkJson({ number: 1 }, { a: "pass" }, { student: "cy" }));
    const roll = rollUp([first, second, again]);
    expect(roll.students.map((s) => [s.name, s.verdicts])).toEqual([["cy", ["pass", "pass"]]]);
    expect(roll.notes).toEqual(["cy has lesson 1 twice: cy-3.json counts, being the later file."]);
  });

  it("a step only some files have is not answered for the others", () => {
    const older = file("old.json", checkJson({ number: 1 }, { a: "pass" }));
    const newer = file("new.json", checkJson({ number: 1 }, { a: "pass", challenge: "pass" }));
    expect(rollUp([older, newer]).students.map((s) => [s.name, s.verdicts, s.passed])).toEqual([
      ["new", ["pass", "pass"], 2],
      ["old", ["pass", "none"], 1],
    ]);
  });

  it("orders names with numbers by value: student-2 before student-10", () => {
    const names = ["student-10.json", "student-2.json", "Bea.json", "ann.json"].map((n) =>
      file(n, checkJson({ number: 1 }, { a: "pass" })),
    );
    expect(rollUp(names).students.map((s) => s.name)).toEqual(["ann", "Bea", "student-2", "student-10"]);
  });
});
