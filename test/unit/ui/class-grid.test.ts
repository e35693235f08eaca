import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";
import { parseCheckFile } from "../../../src/grading/check-file.js";
import { rollUp } from "../../../src/grading/class-roll.js";
import { renderClassGrid } from "../../../src/ui/class-grid.js";
import { createTheme } from "../../../src/ui/theme.js";
import { checkJson, type StepMark } from "../../helpers/check-json.js";

const plain = createTheme(false);
const file = (name: string, json: unknown) => parseCheckFile(name, JSON.stringify(json));
const MARKS: StepMark[] = ["pass", "recorded", "fail", "none"];

/** `students` students, each with `lessons` lessons of `steps` steps, verdicts cycling. */
function classOf(students: number, lessons: number, steps: number) {
  return rollUp(
    Array.from({ length: students }, (_, s) =>
      file(
        `student-${String(s + 1).padStart(2, "0")}.json`,
        Array.from({ length: lessons }, (_, l) =>
          checkJson(
            { number: l + 1 },
            Object.fromEntries(Array.from({ length: steps }, (_, k) => [`step-${k + 1}`, MARKS[(s + k + l) % 4] as StepMark])),
          ),
        ),
      ),
    ),
  );
}

const widest = (text: string) => Math.max(...text.split("\n").map((l) => [...stripVTControlCharacters(l)].length));

describe("renderClassGrid: the class in 80 columns", () => {
  it("a small class: students by steps, lessons grouped, a total per student, and a legend", () => {
    const roll = rollUp([
      file("ann.json", checkJson({ number: 1 }, { a: "pass", b: "recorded", c: "fail", q: "quiz-none" })),
      file("bob.json", [
        checkJson({ number: 1 }, { a: "fail", b: "pass", c: "pass", q: "quiz-pass" }),
        checkJson({ number: 2 }, { x: "pass" }),
      ]),
    ]);
    expect(renderClassGrid(roll, plain)).toBe(
      [
        "         L1       2",
        "student  1 2 3 4  1  total",
        "ann      ✔ ✓ ✖ ·  ·    2/4",
        "bob      ✖ ✔ ✔ ✔  ✔    3/4",
        "",
        "✔ passed  ✓ passed (recorded)  ✖ fails  · not answered",
        "",
      ].join("\n"),
    );
  });

  it("30 students by 30 steps fits 80 columns, in colour too, and shows every verdict", () => {
    const roll = classOf(30, 3, 10);
    for (const t of [plain, createTheme(true)]) expect(widest(renderClassGrid(roll, t))).toBeLessThanOrEqual(80);
    const text = renderClassGrid(roll, plain);
    const cells = text.split("\n").flatMap((l) => [...l.matchAll(/[✔✓✖·]/g)]).length;
    // every cell, plus the legend's four marks
    expect(cells).toBe(30 * 30 + 4);
    expect(text).toMatch(/^student-01 +✔ ✓ ✖ · ✔ ✓ ✖ · ✔ ✓ {2}✓ ✖ · ✔ ✓ ✖ · ✔ ✓ ✖ {2}✖ · ✔ ✓ ✖ · ✔ ✓ ✖ · +15\/30$/m);
  });

  it("many steps and few students: steps by students, with a key of names and totals", () => {
    const text = renderClassGrid(classOf(4, 5, 12), plain);
    expect(widest(text)).toBeLessThanOrEqual(80);
    expect(text).toMatch(/^step +1 2 3 4 +passed$/m);
    expect(text).toMatch(/^1\.1 step-1 +✔ ✓ ✖ · +2\/4$/m);
    expect(text).toMatch(/^5\.12 step-12 +/m);
    expect(text).toContain("1 student-01 30/60   2 student-02 30/60");
  });

  it("too wide either way: blocks of columns, each within the width, totals in the last", () => {
    const text = renderClassGrid(classOf(40, 5, 12), plain, 80);
    expect(widest(text)).toBeLessThanOrEqual(80);
    const blocks = text.split("\n\n").filter((b) => /^student /m.test(b));
    expect(blocks.length).toBeGreaterThan(1);
    expect(blocks.at(-1)).toMatch(/ total$/m);
    expect(blocks[0]).not.toMatch(/total/);
    const rowsOf = (name: string) => blocks.map((b) => b.split("\n").find((l) => l.startsWith(name)) ?? "").join("");
    expect([...rowsOf("student-07").matchAll(/[✔✓✖·]/g)].length).toBe(60);
  });

  it("a student's name cannot drive the terminal: no escape sequence, no line break reaches it", () => {
    const name = "evil\u001b]0;pwned\u0007\nname\u202e";
    const text = renderClassGrid(rollUp([file("x.json", checkJson({ number: 1 }, { a: "pass" }, { student: name }))]), plain);
    for (const control of ["\u001b", "\u0007", "\u202e"]) expect(text).not.toContain(control);
    expect(text).toMatch(/^evil\]0;pwned na… +✔ +1\/1$/m);
  });
});
