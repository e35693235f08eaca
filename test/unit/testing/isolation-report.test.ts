import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { playgroundNameProblem } from "../../../src/env/playground-plan.js";
import { lessonSchema } from "../../../src/lessons/schema.js";
import { stepLines } from "../../../src/lessons/step-lines.js";
import { variableKind } from "../../../src/lessons/variables.js";
import { isolatedVariables, newSuffix, ownPlayground } from "../../../src/testing/isolation.js";
import type { StepOutcome } from "../../../src/testing/lesson-test.js";
import { githubAnnotation, junitXml, totalsLine } from "../../../src/testing/report.js";
import { outcomeLine } from "../../../src/ui/test-report.js";
import { createTheme } from "../../../src/ui/theme.js";

describe("how a test run keeps apart from everything else", () => {
  it.each([
    ["play", "play-abcde"],
    ["play-abcde", "play-abcde"],
    ["a-very-long-playground-name-of-31", "a-very-long-playground-na-abcde"],
  ])("a playground %s is the run's own as %s, a name env up takes", (name, own) => {
    expect(ownPlayground(name, "abcde")).toBe(own);
    expect(playgroundNameProblem(own)).toBeUndefined();
  });

  it.each<[string, string | undefined, string]>([
    ["8080", undefined, "port"],
    ["web1", undefined, "name"],
    ["student", undefined, "name"],
    ["hello from alpine", undefined, "text"],
    ["127.0.0.1", undefined, "text"],
    ["80", "text", "text"],
    ["ourfiglet", "text", "text"],
  ])("%s (kind %s) is a %s", (value, kind, expected) => {
    expect(variableKind({ default: value, ...(kind ? { kind: kind as "text" } : {}) })).toBe(expected);
  });

  it("names get the suffix, ports a fresh port, text stays", async () => {
    const lesson = lessonSchema.parse({
      format: 1,
      id: "x",
      number: 1,
      slug: "x",
      title: "t",
      summary: "s",
      minutes: 1,
      variables: {
        web: { default: "web1", description: "d" },
        port: { default: 8080, description: "d" },
        greeting: { default: "hi there", description: "d" },
      },
      steps: [{ id: "a", title: "a", text: "a", checks: [{ kind: "image", ref: "alpine" }] }],
    });
    let next = 40000;
    const values = await isolatedVariables(lesson, "ab12c", async () => next++);
    expect(values).toEqual({ web: "web1-ab12c", port: "40000", greeting: "hi there" });
    expect(newSuffix()).toMatch(/^[a-z0-9]{5}$/);
    // --var values: text keeps what was given; names and ports stay the run's own.
    const given = await isolatedVariables(lesson, "ab12c", async () => next++, { web: "mine", port: "80", greeting: "hello" });
    expect(given).toEqual({ web: "web1-ab12c", port: "40001", greeting: "hello" });
  });
});

describe("where steps start in a lesson file", () => {
  it("maps each step id to its line", () => {
    const file = join(mkdtempSync(join(tmpdir(), "dtt-lines-")), "l.yaml");
    writeFileSync(file, "format: 1\nsteps:\n  - id: first\n    title: a\n\n  - title: b\n    id: second\n");
    expect([...stepLines(file)]).toEqual([
      ["first", 3],
      ["second", 6],
    ]);
  });
});

describe("test reports", () => {
  const outcome = (over: Partial<StepOutcome>): StepOutcome => ({
    lesson: { number: 3, slug: "bind-mounts", file: "/repo/lessons/03-bind-mounts.yaml" },
    id: "run-published",
    title: "Serve <the> website & more",
    ok: true,
    ms: 1520,
    phase: "after",
    ...over,
  });
  const t = createTheme(false);

  it("one line per step; a failure says why with expected and actual; the totals line alone", () => {
    expect(outcomeLine(outcome({}), t)).toBe(`ok      ${"3 bind-mounts › run-published".padEnd(44)} after      1.52 s\n`);
    const failed = outcomeLine(outcome({ ok: false, message: "its checks still fail", expected: "a", actual: "b" }), t);
    expect(failed.split("\n")).toEqual([
      expect.stringMatching(/^not ok {2}3 bind-mounts › run-published/),
      "        its checks still fail",
      "        expected: a",
      "        actual:   b",
      "",
    ]);
    expect(totalsLine([outcome({}), outcome({ ok: false })])).toBe("1 passed, 1 failed\n");
  });

  it("JUnit escapes what XML cannot hold and marks the failing phase", () => {
    const xml = junitXml(
      [{ outcomes: [outcome({}), outcome({ id: "b", ok: false, phase: "before", message: 'a "quoted" <tag>' })] }],
      new Date("2026-01-01T00:00:00Z"),
    );
    expect(xml).toContain('name="run-published: Serve &lt;the&gt; website &amp; more"');
    expect(xml).toContain('<failure message="[before] a &quot;quoted&quot; &lt;tag&gt;" type="before">');
    expect(xml).toContain('<testsuite name="lesson 3 bind-mounts" tests="2" failures="1"');
  });

  it("a GitHub annotation names the file relative to the repository and the step's line", () => {
    const line = githubAnnotation(outcome({ ok: false, message: "broken:\nnow" }), new Map([["run-published", 42]]), "/repo");
    expect(line).toBe(
      "::error file=lessons/03-bind-mounts.yaml,line=42,title=lesson 3 › run-published::run-published (after): broken:%0Anow\n",
    );
  });

  it("a GitHub annotation's message is one terminal-safe line: a container's output cannot start another workflow command", () => {
    const actual = "100% done\r\n::add-mask::x\u001b]2;pwned\u0007";
    const line = githubAnnotation(outcome({ ok: false, message: "m", actual }), new Map(), "/repo");
    expect(line).toBe(
      "::error file=lessons/03-bind-mounts.yaml,line=1,title=lesson 3 › run-published::run-published (after): m%0Aactual: 100%25 done%0A::add-mask::x]2;pwned\n",
    );
  });
});
