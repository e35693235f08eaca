import type { LessonGrade } from "../engine/grade.js";
import { minutes, recordedWords, setAsideWords, unrecordedWords } from "./grade-report.js";

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c] ?? c);

/** JUnit XML of a grade: a testsuite per lesson, a testcase per task step (quizzes are not graded by state). */
export function gradeJunit(grades: readonly LessonGrade[], at: Date): string {
  const suites = grades.map((grade, index) => {
    const tasks = grade.steps.filter((s) => s.kind !== "quiz");
    const cases = tasks.map((step) => {
      const attributes = `name="${escapeXml(`${step.id}: ${step.title}`)}" classname="${escapeXml(`${grade.lesson.number}-${grade.lesson.slug}`)}"`;
      if (step.pass) return `    <testcase ${attributes}/>`;
      const failed = step.checks.filter((c) => !c.pass);
      const body = escapeXml(failed.map((c) => `expected: ${c.expected}\nactual: ${c.actual}`).join("\n"));
      return `    <testcase ${attributes}>\n      <failure message="${escapeXml(failed[0]?.actual ?? "not done")}" type="check">${body}</failure>\n    </testcase>`;
    });
    return [
      `  <testsuite name="${escapeXml(`lesson ${grade.lesson.number} ${grade.lesson.slug}`)}" tests="${tasks.length}" failures="${tasks.length - grade.passed}" errors="0" skipped="0" timestamp="${at.toISOString().slice(0, 19)}" id="${index}">`,
      ...cases,
      "  </testsuite>",
    ].join("\n");
  });
  const tests = grades.reduce((n, g) => n + g.total, 0);
  const failures = grades.reduce((n, g) => n + g.total - g.passed, 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="docker-tutor check" tests="${tests}" failures="${failures}">\n${suites.join("\n")}\n</testsuites>\n`;
}

/** A Markdown report a student can hand in: lesson, steps, verdicts, the Docker version and the date. */
export function gradeMarkdown(grades: readonly LessonGrade[], facts: { readonly docker: string; readonly at: Date }): string {
  const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
  const parts = [`# docker-tutor grade report`, "", `- Date: ${facts.at.toISOString()}`, `- Docker: ${facts.docker}`, ""];
  for (const grade of grades) {
    parts.push(`## Lesson ${grade.lesson.number}: ${grade.lesson.title}`, "");
    const extras = [
      `${grade.hintsUsed} hints used`,
      ...(grade.timeTakenMs === undefined ? [] : [`time taken: ${minutes(grade.timeTakenMs)}`]),
    ];
    parts.push(`**Score: ${grade.passed}/${grade.total}** task steps pass (${extras.join(", ")}).`, "");
    parts.push("| # | step | verdict | hints | what differs |", "|---|---|---|---|---|");
    for (const step of grade.steps) {
      const verdict =
        step.pass === true
          ? step.evidence === "recorded" && step.kind !== "quiz"
            ? "pass (recorded)"
            : "pass"
          : step.pass === false
            ? "**fail**"
            : "not answered";
      const differs = [
        ...step.checks.filter((c) => !c.pass).map((c) => `expected ${c.expected}; actual ${c.actual}`),
        ...(step.evidence === "recorded" && step.kind !== "quiz" ? [recordedWords(step, facts.at)] : []),
        ...(step.unrecorded ? [unrecordedWords(grade.lesson.number, step.number)] : []),
        ...(step.recordedAt ? [setAsideWords(step, facts.at)] : []),
      ].join("<br>");
      parts.push(
        `| ${step.number} | ${cell(step.title)}${step.kind === "task" ? "" : ` (${step.kind})`} | ${verdict} | ${step.hintsUsed} | ${cell(differs)} |`,
      );
    }
    parts.push("");
  }
  return `${parts.join("\n")}\n`;
}
