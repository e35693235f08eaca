import type { LessonGrade } from "../engine/grade.js";
import { type Theme, withCode } from "./theme.js";

export function renderGrade(grade: LessonGrade, t: Theme): string {
  const lines = [t.bold(`Lesson ${grade.lesson.number} · ${grade.lesson.title}`)];
  grade.steps.forEach((step, i) => {
    const mark = step.pass === true ? t.ok : step.pass === false ? t.fail : t.dim("?");
    const note = step.kind === "quiz" ? t.dim(step.pass === null ? " (quiz, not answered)" : " (quiz)") : "";
    lines.push(`${mark} ${String(i + 1).padStart(2)}. ${step.title}${note}`);
    for (const c of step.checks.filter((c) => !c.pass)) {
      lines.push(`      expected ${withCode(t, c.expected)}`);
      lines.push(`      ${t.red("actual")}   ${withCode(t, c.actual)}`);
    }
  });
  lines.push(`${grade.passed}/${grade.total} task steps pass`, "");
  return `${lines.join("\n")}\n`;
}
