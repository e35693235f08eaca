import type { LessonGrade, StepGrade } from "../engine/grade.js";
import { type Theme, withCode } from "./theme.js";

export const minutes = (ms: number): string => (ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`);

const two = (n: number) => String(n).padStart(2, "0");

/** "14:02" on the day of `now`, else "2026-12-05 14:02": the learner's local time. */
export function clockTime(iso: string, now: Date): string {
  const at = new Date(iso);
  if (!Number.isFinite(at.getTime())) return iso;
  const time = `${two(at.getHours())}:${two(at.getMinutes())}`;
  const sameDay = at.toDateString() === now.toDateString();
  return sameDay ? time : `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${time}`;
}

/** Why a recorded pass counts although the step fails now: "passed at 14:02 (recorded; step 12 since changed what it checked)". */
export function recordedWords(step: StepGrade, now: Date): string {
  const since = step.changedBy ? `step ${step.changedBy.number} since changed what it checked` : "its state has changed since";
  return `passed at ${clockTime(step.at ?? "", now)} (recorded; ${since})`;
}

/** A failing step a later step may have undone, with no record of it passing: what to do about it. */
export function unrecordedWords(lessonNumber: number, stepNumber: number): string {
  return `If you did this step, its state is gone and no record of it exists: run it with the lesson open (docker-tutor lesson ${lessonNumber} --step ${stepNumber}), or under docker-tutor check ${lessonNumber} -- <your commands>.`;
}

/** A failing step under `check --live` that the tutor did see pass: the record is there, set aside. */
export function setAsideWords(step: StepGrade, now: Date): string {
  return `The tutor saw it pass at ${clockTime(step.recordedAt ?? "", now)}; --live counts only what is there now (without --live, that record counts).`;
}

export function renderGrade(grade: LessonGrade, t: Theme, options: { readonly now?: Date } = {}): string {
  const now = options.now ?? new Date();
  const lines = [t.bold(`Lesson ${grade.lesson.number} · ${grade.lesson.title}`)];
  for (const step of grade.steps) {
    const mark = step.pass === true ? t.ok : step.pass === false ? t.fail : t.dim("?");
    const note =
      step.kind === "quiz"
        ? t.dim(step.pass === null ? " (quiz, not answered)" : " (quiz)")
        : `${step.kind === "challenge" ? t.dim(" (challenge)") : ""}${step.evidence === "recorded" ? t.dim(` ${recordedWords(step, now)}`) : ""}`;
    lines.push(`${mark} ${String(step.number).padStart(2)}. ${step.title}${note}`);
    if (step.pass !== false) continue;
    for (const c of step.checks.filter((c) => !c.pass)) {
      lines.push(`      expected ${withCode(t, c.expected)}`);
      lines.push(`      ${t.red("actual")}   ${withCode(t, c.actual)}`);
    }
    if (step.unrecorded) lines.push(`      ${t.dim(unrecordedWords(grade.lesson.number, step.number))}`);
    if (step.recordedAt) lines.push(`      ${t.dim(setAsideWords(step, now))}`);
  }
  const extras = [
    `${grade.hintsUsed} hint${grade.hintsUsed === 1 ? "" : "s"} used`,
    ...(grade.timeTakenMs === undefined ? [] : [`${minutes(grade.timeTakenMs)} from start to the last step done`]),
  ];
  lines.push(`${t.bold(`Score ${grade.passed}/${grade.total}`)} task steps pass · ${extras.join(" · ")}`, "");
  return `${lines.join("\n")}\n`;
}

/** `check --json`'s shape of one lesson (the spec's, plus each step's evidence and its time). */
export function gradeJson(grade: LessonGrade) {
  const { lesson: l, steps, passed, total, hintsUsed, timeTakenMs } = grade;
  return {
    lesson: { number: l.number, id: l.id, slug: l.slug },
    steps: steps.map((s) => ({
      id: s.id,
      title: s.title,
      kind: s.kind,
      pass: s.pass,
      checks: s.checks,
      hintsUsed: s.hintsUsed,
      evidence: s.evidence,
      at: s.at ?? null,
      ...(s.changedBy ? { changedBy: s.changedBy.id } : {}),
      ...(s.unrecorded ? { unrecorded: true } : {}),
      ...(s.recordedAt ? { recordedAt: s.recordedAt } : {}),
    })),
    passed,
    total,
    hintsUsed,
    ...(timeTakenMs === undefined ? {} : { timeTakenMs }),
  };
}
