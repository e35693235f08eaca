import type { CheckLesson, CheckStep, StudentFile } from "./check-file.js";

/**
 * How one student stands on one step. `recorded`: passed, proven by the tutor's record of it being
 * done, though a later step changed its state; it counts as passed. `none`: a quiz never answered,
 * or a step the student's files do not have.
 */
export type Verdict = "pass" | "recorded" | "fail" | "none";

export interface RollLesson {
  readonly number: number;
  readonly id: string;
  readonly slug: string;
  readonly title: string | undefined;
  readonly steps: readonly RollStep[];
}

export interface RollStep {
  readonly lessonId: string;
  readonly id: string;
  readonly title: string;
  readonly kind: string;
  /** Counts in the students' totals: every step but quizzes, as in check's score. */
  readonly scored: boolean;
  /** Students who passed it (pass or recorded). */
  readonly passedBy: number;
}

export interface RollStudent {
  readonly name: string;
  /** One per step of `ClassRoll.steps`, in that order. */
  readonly verdicts: readonly Verdict[];
  /** For a failed step, the first check that failed, in words; else undefined. */
  readonly details: readonly (string | undefined)[];
  /** Scored steps passed, of `ClassRoll.scoredSteps`. */
  readonly passed: number;
}

export interface ClassRoll {
  /** By lesson number (then id); each with its steps in the order the files give them. */
  readonly lessons: readonly RollLesson[];
  /** The lessons' steps, one after the other: the columns. */
  readonly steps: readonly RollStep[];
  readonly scoredSteps: number;
  /** By name, numbers in names by value (student-2 before student-10). */
  readonly students: readonly RollStudent[];
  /** Things the instructor should know: a student graded twice on one lesson (the later file counts). */
  readonly notes: readonly string[];
}

export function verdictOf(step: CheckStep): Verdict {
  if (step.pass === true) return step.evidence === "recorded" ? "recorded" : "pass";
  return step.pass === false ? "fail" : "none";
}

const failedCheck = (step: CheckStep): string | undefined => {
  const check = step.checks.find((c) => !c.pass);
  if (step.pass !== false) return undefined;
  if (!check) return "not done";
  return `expected ${check.expected ?? "?"}; actual ${check.actual ?? "?"}`;
};

/** Rolls students' files into one table: files of one name are one student (one file per lesson, say). */
export function rollUp(files: readonly StudentFile[]): ClassRoll {
  const notes: string[] = [];
  // student → lesson id → that lesson's grade (the later file wins)
  const byStudent = new Map<string, Map<string, CheckLesson>>();
  const lessonInfo = new Map<string, CheckLesson["lesson"]>();
  const stepOrder = new Map<string, Map<string, CheckStep>>();
  for (const file of files) {
    const lessons = byStudent.get(file.student) ?? new Map<string, CheckLesson>();
    byStudent.set(file.student, lessons);
    for (const grade of file.lessons) {
      if (lessons.has(grade.lesson.id)) {
        notes.push(`${file.student} has lesson ${grade.lesson.number} twice: ${file.file} counts, being the later file.`);
      }
      lessons.set(grade.lesson.id, grade);
      if (!lessonInfo.has(grade.lesson.id)) lessonInfo.set(grade.lesson.id, grade.lesson);
      const steps = stepOrder.get(grade.lesson.id) ?? new Map<string, CheckStep>();
      stepOrder.set(grade.lesson.id, steps);
      for (const step of grade.steps) if (!steps.has(step.id)) steps.set(step.id, step);
    }
  }
  const names = [...byStudent.keys()].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  const lookup = (name: string, lessonId: string, stepId: string) =>
    byStudent
      .get(name)
      ?.get(lessonId)
      ?.steps.find((s) => s.id === stepId);

  const lessonIds = [...lessonInfo.keys()].sort((a, b) => {
    const [x, y] = [lessonInfo.get(a), lessonInfo.get(b)];
    return (x?.number ?? 0) - (y?.number ?? 0) || a.localeCompare(b);
  });
  const lessons: RollLesson[] = lessonIds.map((lessonId) => {
    const info = lessonInfo.get(lessonId) as CheckLesson["lesson"];
    const steps = [...(stepOrder.get(lessonId)?.values() ?? [])].map((first): RollStep => {
      const passedBy = names.filter((name) => {
        const step = lookup(name, lessonId, first.id);
        return step !== undefined && step.pass === true;
      }).length;
      return { lessonId, id: first.id, title: first.title, kind: first.kind, scored: first.kind !== "quiz", passedBy };
    });
    return { number: info.number, id: info.id, slug: info.slug, title: info.title, steps };
  });
  const steps = lessons.flatMap((l) => l.steps);
  const students = names.map((name): RollStudent => {
    const found = steps.map((s) => lookup(name, s.lessonId, s.id));
    const verdicts = found.map((step) => (step === undefined ? "none" : verdictOf(step)));
    const passed = verdicts.filter((v, i) => steps[i]?.scored && (v === "pass" || v === "recorded")).length;
    return { name, verdicts, details: found.map((step) => (step === undefined ? undefined : failedCheck(step))), passed };
  });
  return { lessons, steps, scoredSteps: steps.filter((s) => s.scored).length, students, notes };
}
