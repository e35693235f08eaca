import type { CheckResult } from "../checks/check.js";
import type { DockerEvent } from "../docker/views.js";
import type { Quiz, Step } from "../lessons/schema.js";

/** Everything that can happen to a running lesson, as one stream (the terminal is only one source). */
export type LessonEvent =
  | { readonly type: "daemon"; readonly event: DockerEvent }
  | { readonly type: "key"; readonly key: LessonKey }
  /** A command the learner typed at the tutor's prompt has finished; `stepIndex` is the step it was typed at. */
  | { readonly type: "command"; readonly line: string; readonly exitCode: number; readonly stepIndex: number }
  /** A line typed at a quiz: the text of an answer, or the number of a choice as shown. */
  | { readonly type: "answer"; readonly value: string }
  /** The learner goes on from the step at `stepIndex`, which is done (a stray second Enter names a step already left). */
  | { readonly type: "continue"; readonly stepIndex: number }
  | { readonly type: "tick" }
  | { readonly type: "daemon-lost"; readonly reason: string }
  | { readonly type: "daemon-back" };

export type LessonKey = "hint" | "solution" | "run" | "skip" | "check" | "quit";

/** How a quiz answer turned out: right, wrong (the learner may try again), or given away by `s`. */
export type QuizVerdict = "right" | "wrong" | "shown";

/** What the engine tells whoever shows the lesson. */
export type LessonOutput =
  | { readonly type: "step"; readonly index: number; readonly total: number; readonly step: Step }
  /** A question, with a select quiz's choices in the order they are shown and numbered. */
  | { readonly type: "quiz"; readonly step: Step; readonly quiz: Quiz; readonly choices: readonly string[] }
  | { readonly type: "passed"; readonly step: Step; readonly results: readonly CheckResult[]; readonly trigger: Trigger }
  | { readonly type: "not-yet"; readonly step: Step; readonly results: readonly CheckResult[]; readonly trigger: Trigger }
  | { readonly type: "hint"; readonly step: Step; readonly number: number; readonly total: number; readonly text: string }
  | { readonly type: "diagnosis"; readonly step: Step; readonly results: readonly CheckResult[] }
  | { readonly type: "solution"; readonly step: Step; readonly commands: readonly string[] }
  | { readonly type: "skipped"; readonly step: Step }
  | {
      readonly type: "quiz-result";
      readonly step: Step;
      readonly verdict: QuizVerdict;
      /** Only for a right answer: a wrong one is not graded right by being shown the answer. */
      readonly correct: boolean;
      readonly expected: string;
      readonly explanation: string;
    }
  /** The step is done and the learner says when to go on (an interactive lesson). */
  | { readonly type: "waiting"; readonly step: Step; readonly index: number }
  /** A line that changes nothing: why a key does nothing here, how to answer. */
  | { readonly type: "notice"; readonly message: string }
  | { readonly type: "warning"; readonly message: string }
  | {
      readonly type: "lesson-done";
      readonly passed: number;
      readonly skipped: number;
      readonly total: number;
      /** Quiz answers recorded (first answers, or the answer shown by `s`), and how many of them were right. */
      readonly quizzes: { readonly answered: number; readonly right: number };
    }
  | { readonly type: "quit"; readonly index: number };

/** Why a check round ran; a daemon event carries its time, so event → verdict latency can be measured. */
export type Trigger =
  | {
      readonly kind: "daemon-event";
      /** The event the round started on. */
      readonly eventTimeMs: number;
      readonly action: string;
      /**
       * Set on a verdict: the newest waking event received by then. A round may have read the state
       * a later event brought: Docker answers an inspect of a container that is starting or stopping
       * only once it is done, and the event for that (`start`, `die`) comes at the same moment.
       */
      readonly latestEventTimeMs?: number;
      readonly latestAction?: string;
    }
  | { readonly kind: "manual" }
  | { readonly kind: "command"; readonly line: string }
  | { readonly kind: "start" };
