import { describe, expect, it } from "vitest";
import { parseCheckFile } from "../../../src/grading/check-file.js";
import { rollUp } from "../../../src/grading/class-roll.js";
import { csvField, rollCsv } from "../../../src/grading/report-csv.js";
import { escapeHtml, rollHtml, VERDICT_COLOURS } from "../../../src/grading/report-html.js";
import { checkJson } from "../../helpers/check-json.js";

const file = (name: string, json: unknown) => parseCheckFile(name, JSON.stringify(json));
const roll = rollUp([
  file("ann.json", checkJson({ number: 1 }, { a: "pass", b: "recorded", q: "quiz-none" })),
  file("bob.json", [checkJson({ number: 1 }, { a: "fail", b: "pass", q: "quiz-pass" }), checkJson({ number: 2 }, { x: "pass" })]),
]);

describe("rollCsv", () => {
  it("a header of lesson and step, a row per student with verdicts and totals, a row of students passed per step", () => {
    expect(rollCsv(roll).split("\r\n")).toEqual([
      "student,lesson 1: a,lesson 1: b,lesson 1: q,lesson 2: x,passed,scored steps",
      "ann,pass,recorded,not answered,not answered,2,3",
      "bob,fail,pass,pass,pass,2,3",
      "students passed,1,2,1,1,,",
      "",
    ]);
  });

  it.each([
    ["plain", "plain"],
    ["Lee, Ann", '"Lee, Ann"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ['=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
    ["+1", "'+1"],
    ["-1", "'-1"],
    ["@SUM(A1)", "'@SUM(A1)"],
  ])("field %j → %s (RFC 4180, and no formula a spreadsheet would run)", (text, field) => expect(csvField(text)).toBe(field));

  it("a student's name that is a formula reaches the file inert", () => {
    const evil = rollUp([file("x.json", checkJson({ number: 1 }, { a: "pass" }, { student: "=cmd|' /C calc'!A0" }))]);
    expect(rollCsv(evil).split("\r\n")[1]).toBe("'=cmd|' /C calc'!A0,pass,1,1");
  });
});

describe("rollHtml: one self-contained page", () => {
  const at = new Date("2026-12-07T14:02:00Z");

  it("loads nothing from anywhere: no scripts, links, images, fonts or URLs, and a CSP that forbids them", () => {
    const html = rollHtml(roll, at);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|@font-face|url\(|https?:\/\//i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it("a cell per student and step, classed by verdict, grouped under its lesson, with totals", () => {
    const html = rollHtml(roll, at);
    const cells = [...html.matchAll(/<td class="cell (\w+)/g)].map((m) => m[1]);
    expect(cells).toEqual(["pass", "recorded", "none", "none", "fail", "pass", "pass", "pass"]);
    expect(html).toMatch(
      /<th class="lesson first" colspan="3"[^>]*><div>Lesson 1 · lesson-1<\/div><\/th><th class="lesson first" colspan="1"/,
    );
    expect([...html.matchAll(/<td class="total">([^<]*)<\/td>/g)].map((m) => m[1])).toEqual(["2/3", "2/3"]);
    expect(html).toContain('title="bob · Step a: fail (expected a container for a; actual none)"');
    for (const colour of Object.values(VERDICT_COLOURS)) expect(html).toContain(colour);
  });

  it("escapes every string that came from a student's file", () => {
    const hostile = '<script>alert(1)</script>" onmouseover="x\' &';
    const json = checkJson({ number: 1, title: hostile }, { a: "fail" }, { student: hostile });
    const steps = json.steps as { title: string; id: string; checks: { actual: string }[] }[];
    for (const step of steps) {
      step.title = hostile;
      step.id = hostile;
      for (const c of step.checks) c.actual = hostile;
    }
    (json.lesson as Record<string, unknown>).slug = hostile;
    (json.lesson as Record<string, unknown>).title = hostile;
    const html = rollHtml(rollUp([file("x.json", json)]), at);
    expect(html).not.toContain("<script>");
    expect(html).not.toContain('" onmouseover="');
    expect(html).toContain(escapeHtml(hostile));
    expect(escapeHtml(hostile)).toBe("&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;x&#39; &amp;");
  });
});
