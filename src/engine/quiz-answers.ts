import type { Lesson, Quiz, Step } from "../lessons/schema.js";
import type { LessonOutput } from "./events.js";
import type { LessonRecord } from "./lesson-record.js";
import { gradeAnswer } from "./quiz-answer.js";
import { choiceNamed, choiceOrder } from "./quiz-choices.js";

export interface QuizAnswersDeps {
  readonly lesson: Lesson;
  readonly expectedAnswer: (quiz: Quiz) => Promise<readonly string[]>;
  readonly record: LessonRecord;
  readonly emit: (output: LessonOutput) => void;
}

/** Whether the quiz step is over (right, or its answer shown) or still waits for an answer. */
export type QuizTurn = "done" | "open";

/**
 * A quiz step's answers: each graded and said at once, a wrong one tried again, and the first one
 * given kept for grading (later tries never overwrite it, on this run or a later one).
 */
export class QuizAnswers {
  constructor(private readonly deps: QuizAnswersDeps) {}

  /** A select quiz's choices in the order shown and numbered: the same for a lesson's step on every run. */
  choicesShown(step: Step): string[] {
    const choices = step.quiz?.type === "select" ? (step.quiz.choices ?? []) : [];
    return choiceOrder(`${this.deps.lesson.id}/${step.id}`, choices);
  }

  async answer(step: Step, typed: string): Promise<QuizTurn> {
    const quiz = step.quiz;
    if (!quiz) return "open";
    const answer = quiz.type === "select" ? choiceNamed(typed, this.choicesShown(step)) : typed.trim();
    if (answer === "") return "open";
    if (answer === undefined) {
      this.deps.emit({ type: "notice", message: `That is none of the choices: ${answerHow(step)} (or s to see the answer).` });
      return "open";
    }
    const expected = await this.deps.expectedAnswer(quiz);
    const correct = gradeAnswer(answer, expected);
    if (!this.answered(step)) this.deps.record.recordStep(step.id, { status: "passed", answer, correct });
    this.deps.emit({
      type: "quiz-result",
      step,
      verdict: correct ? "right" : "wrong",
      correct,
      expected: expected[0] ?? "",
      explanation: quiz.explanation,
    });
    return correct ? "done" : "open";
  }

  /** `s`: the answer and its why. Asked for before any answer, it counts as not right first time. */
  async show(step: Step): Promise<QuizTurn> {
    const quiz = step.quiz;
    if (!quiz) return "open";
    const expected = await this.deps.expectedAnswer(quiz);
    if (!this.answered(step)) this.deps.record.recordStep(step.id, { status: "passed", correct: false });
    this.deps.emit({
      type: "quiz-result",
      step,
      verdict: "shown",
      correct: false,
      expected: expected[0] ?? "",
      explanation: quiz.explanation,
    });
    return "done";
  }

  /** `k`: the quiz stays unanswered, unless a first answer was given already (that one stands). */
  skip(step: Step): void {
    if (!this.answered(step)) this.deps.record.recordStep(step.id, { status: "skipped" });
    this.deps.emit({ type: "skipped", step });
  }

  /** `c` or `r` at a quiz: there is nothing to check or run. */
  nothingTo(step: Step, what: "check" | "run"): void {
    this.deps.emit({
      type: "notice",
      message: `This step is a question, with nothing to ${what}: ${answerHow(step)}, or s to see the answer.`,
    });
  }

  /** Whether the quiz's answer was graded already, on this run or an earlier one. */
  private answered(step: Step): boolean {
    return this.deps.record.read()?.steps[step.id]?.correct !== undefined;
  }
}

/** How to answer this quiz at the prompt. */
function answerHow(step: Step): string {
  const count = step.quiz?.choices?.length ?? 0;
  return step.quiz?.type === "select" ? `answer with a number from 1 to ${count}, or the text of a choice` : "type your answer";
}
