/** A student's `check --json` text, as `report` reads it, from a compact description of each step. */
export type StepMark = "pass" | "recorded" | "fail" | "none";

export function checkJson(
  lesson: { number: number; id?: string; title?: string },
  marks: Record<string, StepMark | "quiz-pass" | "quiz-fail" | "quiz-none">,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const steps = Object.entries(marks).map(([id, mark]) => {
    const quiz = mark.startsWith("quiz");
    const pass =
      mark === "pass" || mark === "recorded" || mark === "quiz-pass" ? true : mark === "fail" || mark === "quiz-fail" ? false : null;
    return {
      id,
      title: `Step ${id}`,
      kind: quiz ? "quiz" : "task",
      pass,
      ...(mark === "recorded" ? { evidence: "recorded" } : pass === true ? { evidence: "live" } : {}),
      checks: mark === "fail" ? [{ kind: "container", pass: false, expected: `a container for ${id}`, actual: "none" }] : [],
      hintsUsed: 0,
    };
  });
  const tasks = steps.filter((s) => s.kind === "task");
  return {
    lesson: {
      number: lesson.number,
      id: lesson.id ?? `lesson-${lesson.number}`,
      slug: lesson.id ?? `lesson-${lesson.number}`,
      ...(lesson.title === undefined ? {} : { title: lesson.title }),
    },
    steps,
    passed: tasks.filter((s) => s.pass === true).length,
    total: tasks.length,
    hintsUsed: 0,
    ...extra,
  };
}
