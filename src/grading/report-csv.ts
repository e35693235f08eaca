import type { ClassRoll, Verdict } from "./class-roll.js";

export const VERDICT_WORDS: Readonly<Record<Verdict, string>> = {
  pass: "pass",
  recorded: "recorded",
  fail: "fail",
  none: "not answered",
};

/**
 * One CSV field (RFC 4180). A field a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, a tab
 * or carriage return first: OWASP's CSV injection advice) gets a leading `'`: names come from students.
 */
export function csvField(text: string): string {
  const inert = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(inert) ? `"${inert.replace(/"/g, '""')}"` : inert;
}

/**
 * The roll as CSV: a header row (`lesson N: step-id` per step), a row per student with each step's
 * verdict, how many steps they passed and how many count (quizzes do not), and a last row with how
 * many students passed each step.
 */
export function rollCsv(roll: ClassRoll): string {
  const header = ["student", ...roll.steps.map((s) => `lesson ${lessonNumber(roll, s.lessonId)}: ${s.id}`), "passed", "scored steps"];
  const rows = roll.students.map((student) => [
    student.name,
    ...student.verdicts.map((v) => VERDICT_WORDS[v]),
    String(student.passed),
    String(roll.scoredSteps),
  ]);
  const totals = ["students passed", ...roll.steps.map((s) => String(s.passedBy)), "", ""];
  return `${[header, ...rows, totals].map((row) => row.map(csvField).join(",")).join("\r\n")}\r\n`;
}

const lessonNumber = (roll: ClassRoll, lessonId: string) => roll.lessons.find((l) => l.id === lessonId)?.number ?? "?";
