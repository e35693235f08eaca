import { describe, expect, it } from "vitest";
import { formatProblem } from "../../../src/lessons/lesson-problems.js";
import { type LessonFiles, parseLesson } from "../../../src/lessons/load.js";

const noAssets: LessonFiles = { realPath: (path) => (path === "/p/01-x" ? "/p/01-x" : undefined) };

const lesson = (extra: string) => `format: 1
id: x
number: 1
slug: x
title: T
summary: S
minutes: 5
steps:
  - id: a
    title: A
    text: Do it.
    checks:
      - kind: image
        ref: alpine
${extra}`;

const quizStep = (points: string) => `  - id: q
    title: Q
    kind: quiz
    text: Answer.
${points}    quiz:
      type: input
      question: Why?
      answer: because
      explanation: So.
`;

const parse = (text: string) => parseLesson(text, "01-x.yaml", "/p/01-x", {}, noAssets);

describe("a task step's points (what it is worth in check --classroom50)", () => {
  it("are absent unless given (the grade counts 1), and kept as given", () => {
    expect(parse(lesson("")).lesson?.steps[0]?.points).toBeUndefined();
    const worth = parse(lesson("").replace("    text: Do it.\n", "    text: Do it.\n    points: 2.5\n"));
    expect(worth.problems).toEqual([]);
    expect(worth.lesson?.steps[0]?.points).toBe(2.5);
  });

  it("may not be negative", () => {
    const problems = parse(lesson("").replace("    text: Do it.\n", "    text: Do it.\n    points: -1\n")).problems.map(formatProblem);
    expect(problems).toEqual([expect.stringMatching(/^01-x\.yaml:12:13: .*points/)]);
  });

  it("belong to task steps: a quiz with points is refused at its line, saying quizzes count in no score", () => {
    expect(parse(lesson(quizStep(""))).problems).toEqual([]);
    const problems = parse(lesson(quizStep("    points: 1\n"))).problems.map(formatProblem);
    expect(problems).toEqual([
      expect.stringMatching(/^01-x\.yaml:19:13: steps\[1\]\.points: points count on task steps only: a quiz never counts toward a score/),
    ]);
  });
});
