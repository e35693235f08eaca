import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";
import type { LessonOutput } from "../../../src/engine/events.js";
import { solutionCommands } from "../../../src/engine/lesson-engine.js";
import { choiceOrder } from "../../../src/engine/quiz-choices.js";
import { loadCatalog } from "../../../src/lessons/catalog.js";
import { formatOutput } from "../../../src/ui/lesson-output.js";
import { promptHelp } from "../../../src/ui/prompt-help.js";
import { createTextRenderer } from "../../../src/ui/text-renderer.js";
import { createTheme } from "../../../src/ui/theme.js";

const lessons = loadCatalog([], {}).map((entry) => entry.lesson);
const longMessage =
  "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running? Your place is kept, and the tutor checks again by itself once the daemon is back (`sudo systemctl start docker`).";

/** Everything a lesson can print: each step, its question and choices, hints, solution, verdicts, and the end. */
function everyOutput(): LessonOutput[] {
  return lessons.flatMap((lesson) =>
    lesson.steps.flatMap((step, index): LessonOutput[] => {
      const results = [
        { kind: "container" as const, pass: true, expected: `container \`${step.id}\` made from \`alpine\` ran \`ls -l\``, actual: "" },
        { kind: "container" as const, pass: false, expected: longMessage, actual: `${longMessage} ${"x".repeat(130)}` },
      ];
      const quiz = step.quiz;
      return [
        { type: "step", index, total: lesson.steps.length, step },
        ...(quiz ? [{ type: "quiz" as const, step, quiz, choices: choiceOrder(`${lesson.id}/${step.id}`, quiz.choices ?? []) }] : []),
        ...step.hints.map((text, i): LessonOutput => ({ type: "hint", step, number: i + 1, total: step.hints.length, text })),
        { type: "solution", step, commands: solutionCommands(step) },
        { type: "passed", step, results, trigger: { kind: "start" } },
        { type: "not-yet", step, results, trigger: { kind: "manual" } },
        { type: "waiting", step, index },
        ...(quiz
          ? (["right", "wrong", "shown"] as const).map(
              (verdict): LessonOutput => ({
                type: "quiz-result",
                step,
                verdict,
                correct: verdict === "right",
                expected: "42",
                explanation: quiz.explanation,
              }),
            )
          : []),
        { type: "warning", message: longMessage },
        { type: "lesson-done", passed: 10, skipped: 1, total: 12, quizzes: { answered: 6, right: 5 } },
      ];
    }),
  );
}

const outputs = everyOutput();

describe("the lesson's one renderer", () => {
  it.each([60, 80, 120])("fits every line of every built-in lesson in %i columns, and never more than 100", (columns) => {
    const text = createTextRenderer(() => columns, createTheme(false));
    const printed =
      outputs.map((o) => formatOutput(o, text, { lessonNumber: 1, lessonTitle: "Hello, containers" })).join("") + promptHelp(text);
    const lines = printed.split("\n");
    const tooWide = lines.filter((line) => [...line].length > Math.min(columns, 100));
    expect(tooWide).toEqual([]);
    expect(lines.length).toBeGreaterThan(1000);
  });

  it("shows no raw Markdown: no backticks, no <autolinks>, no **", () => {
    const text = createTextRenderer(() => 80, createTheme(false));
    // A solution is shown verbatim, a written file's content included (a compose file's comment may quote `published`).
    const fromMarkdown = outputs.filter((o) => o.type !== "solution");
    const printed = fromMarkdown.map((o) => formatOutput(o, text, { lessonNumber: 1, lessonTitle: "t" })).join("");
    expect(printed).not.toContain("`");
    expect(printed).not.toMatch(/<https?:/);
    expect(printed).not.toContain("**");
    expect(printed).toContain("http://localhost:8080/");
  });

  it("shows a solution's written file verbatim, with its content", () => {
    const text = createTextRenderer(() => 80, createTheme(false));
    const solutions = outputs.filter((o) => o.type === "solution");
    const printed = solutions.map((o) => formatOutput(o, text, { lessonNumber: 1, lessonTitle: "t" })).join("");
    expect(printed).toContain("cat > docker-stack.yml <<'EOF'");
    expect(printed).toContain("EOF");
  });

  it("wraps at word boundaries: the words of a step's text come out whole and in order", () => {
    const text = createTextRenderer(() => 60, createTheme(false));
    for (const lesson of lessons) {
      for (const step of lesson.steps.filter((s) => !s.text.includes("```"))) {
        const words = (s: string) =>
          s
            .replace(/[`*]|<(?=http)|(?<=\/)>/g, "")
            .split(/\s+/)
            .filter((w) => w !== "" && w !== "-");
        const shown = words(text.markdown(step.text));
        expect(shown, `${lesson.number}/${step.id}`).toEqual(words(step.text).filter((w) => !/^\d+\.$/.test(w) || shown.includes(w)));
      }
    }
  });

  it("indents a hint's and a bullet's continuation lines under their text", () => {
    const text = createTextRenderer(() => 40, createTheme(false));
    const hint = formatOutput(
      {
        type: "hint",
        step: lessons[0]?.steps[0] as never,
        number: 1,
        total: 2,
        text: "Look at the STATUS column of `docker container ls -a` for your container.",
      },
      text,
      { lessonNumber: 1, lessonTitle: "t" },
    ).split("\n");
    expect(hint[0]).toMatch(/^Hint 1\/2: Look at/);
    expect(hint.slice(1, -1).every((line) => line.startsWith("          ") && line.trim() !== "")).toBe(true);
    expect(hint.join(" ")).toContain("docker container ls -a"); // a short code span is never split across lines
    const bullets = text.markdown("- one two three four five six seven eight nine ten eleven twelve\n- two").split("\n");
    expect(bullets.slice(0, 3)).toEqual(["- one two three four five six seven", "  eight nine ten eleven twelve", "- two"]);
  });

  it("cuts a word longer than the line rather than leave it to the terminal, and reads the width at each print", () => {
    let columns = 30;
    const text = createTextRenderer(() => columns, createTheme(false));
    const long = text.command(`$ docker run ${"a".repeat(70)}`, { first: "  ", rest: "      " }).split("\n");
    expect(long.every((line) => line.length <= 30)).toBe(true);
    expect(long.join("").replace(/\s/g, "")).toBe(`$dockerrun${"a".repeat(70)}`);
    columns = 200;
    expect(text.width()).toBe(100);
    expect(text.sentence("short").trimEnd()).toBe("short");
  });

  it("in colour, styles code without backticks and keeps every line's visible width within the terminal", () => {
    const text = createTextRenderer(() => 50, createTheme(true));
    const printed = text.markdown(lessons[0]?.steps[0]?.text ?? "");
    expect(printed).toContain("\u001b[");
    expect(printed).not.toContain("`");
    for (const line of printed.split("\n")) expect(stripVTControlCharacters(line).length).toBeLessThanOrEqual(50);
  });
});
