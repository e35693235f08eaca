import type { LessonGrade } from "../engine/grade.js";
import { type Theme, withCode } from "./theme.js";

export const minutes = (ms: number): string => (ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`);

export function renderGrade(grade: LessonGrade, t: Theme): string {
  const lines = [t.bold(`Lesson ${grade.lesson.number} · ${grade.lesson.title}`)];
  grade.steps.forEach((step, i) => {
    const mark = step.pass === true ? t.ok : step.pass === false ? t.fail : t.dim("?");
    const note =
      step.kind === "quiz"
        ? t.dim(step.pass === null ? " (quiz, not answered)" : " (quiz)")
        : step.kind === "challenge"
          ? t.dim(" (challenge)")
          : "";
    lines.push(`${mark} ${String(i + 1).padStart(2)}. ${step.title}${note}`);
    for (const c of step.checks.filter((c) => !c.pass)) {
      lines.push(`      expected ${withCode(t, c.expected)}`);
      lines.push(`      ${t.red("actual")}   ${withCode(t, c.actual)}`);
    }
  });
  const extras = [
    `${grade.hintsUsed} hint${grade.hintsUsed === 1 ? "" : "s"} used`,
    ...(grade.timeTakenMs === undefined ? [] : [`${minutes(grade.timeTakenMs)} from start to the last step done`]),
  ];
  lines.push(`${t.bold(`Score ${grade.passed}/${grade.total}`)} task steps pass · ${extras.join(" · ")}`, "");
  return `${lines.join("\n")}\n`;
}
