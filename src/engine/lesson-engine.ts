import type { CheckResult } from "../checks/check.js";
import { lostDaemonWords } from "../docker/connection-failure.js";
import type { Lesson, Quiz, Step } from "../lessons/schema.js";
import type { LessonEvent, LessonKey, LessonOutput, Trigger } from "./events.js";
import type { LessonRecord, StepRecord } from "./lesson-record.js";
import { QuizAnswers } from "./quiz-answers.js";
import { WakingEvents } from "./waking-events.js";
import { writeShown } from "./write-shown.js";

export interface LessonEngineDeps {
  readonly lesson: Lesson;
  /** Runs one check round for these checks against the daemon. */
  readonly evaluate: (step: Step) => Promise<readonly CheckResult[]>;
  /** After a pass is said and recorded, before the next step: what proves it is kept (progress's evidence). */
  readonly afterPass?: (step: Step, results: readonly CheckResult[]) => Promise<void>;
  /** The right answer of a quiz, computed from live state when the quiz says so. */
  readonly expectedAnswer: (quiz: Quiz) => Promise<readonly string[]>;
  /** Where passed steps, answers and hints are kept. */
  readonly record: LessonRecord;
  /** "Run it for me": the step's solution through the interpreter; absent where nothing may run. */
  readonly runSolution?: (step: Step) => Promise<void>;
  readonly emit: (output: LessonOutput) => void;
  /** A step is shown: what the learner does from now on counts for it (its window on the daemon's clock). */
  readonly stepEntered?: (step: Step) => Promise<void> | void;
  /** How long after a typed command the tutor looks again before it says "not yet" (default 700 ms). */
  readonly settleAfterCommandMs?: number;
  /** A daemon event that may change what a step checks came in (what a round read before it is stale). */
  readonly woken?: () => void;
}

export type LessonEnd = "finished" | "quit";

/** Checks that no daemon event announces (a page edited in a bind mount, a registry) are re-run on ticks. */
const POLLED_KINDS = new Set(["http", "registry", "exec", "volume", "playground"]);
/** A check of a playground node is polled too: the node's events are followed only once it is seen up. */
const isPolled = (check: Step["checks"][number]) => POLLED_KINDS.has(check.kind) || ("node" in check && check.node !== undefined);

/**
 * The lesson as a state machine over one event stream. It knows nothing of terminals: a UI, a
 * test or a script feeds it events and shows what it emits. Events are handled one at a time.
 */
export class LessonEngine {
  private index: number;
  private finished = false;
  /** The learner says when to go on after a step is done (the interactive lesson); otherwise the next step follows at once. */
  private learnerContinues = false;
  /** The current step is done and waits for the learner's `continue`. */
  private waiting = false;
  private readonly quizzes: QuizAnswers;
  /** Quit was asked for: rounds still queued do nothing, so leaving never waits on the daemon. */
  private leaving = false;
  /** The trigger of the check round waiting in the queue; further daemon events join it. */
  private queuedTrigger: Trigger | undefined;
  private queue: Promise<void> = Promise.resolve();
  private resolveEnd: (end: LessonEnd) => void = () => undefined;
  readonly ended: Promise<LessonEnd> = new Promise((resolve) => {
    this.resolveEnd = resolve;
  });

  constructor(
    private readonly deps: LessonEngineDeps,
    startIndex: number,
  ) {
    this.index = Math.min(Math.max(startIndex, 0), deps.lesson.steps.length);
    this.quizzes = new QuizAnswers(deps);
  }

  get currentIndex(): number {
    return this.index;
  }

  get currentStep(): Step | undefined {
    return this.deps.lesson.steps[this.index];
  }

  /**
   * From now on a done step is said and left on screen until the learner goes on, so steps never
   * pass several in one blink. Scripts, tests and solve do not call it: their lesson moves on alone.
   */
  pauseAfterEachStep(): void {
    this.learnerContinues = true;
  }

  start(): void {
    this.enqueue(() => this.enterStep());
  }

  /** Resolves once every event dispatched so far has been handled (for tests and scripts). */
  async idle(): Promise<void> {
    let seen: Promise<void> | undefined;
    while (seen !== this.queue) {
      seen = this.queue;
      await seen;
    }
  }

  /** Which daemon events start a round: not the tutor's own. */
  private readonly waking = new WakingEvents();

  /** The newest waking daemon event so far, for a verdict's trigger. */
  private latestEvent: { readonly timeMs: number; readonly action: string } | undefined;

  dispatch(event: LessonEvent): void {
    if (event.type === "daemon") {
      if (this.waking.wakes(event.event)) {
        this.deps.woken?.();
        const action = `${event.event.type} ${event.event.action}`;
        this.latestEvent = { timeMs: event.event.timeMs, action };
        this.requestRound({ kind: "daemon-event", eventTimeMs: event.event.timeMs, action });
      }
      return;
    }
    if (event.type === "key" && event.key === "quit") this.leaving = true;
    this.enqueue(() => this.handle(event));
  }

  /**
   * A burst of daemon events costs at most two rounds: one running, one queued that every later
   * event joins. The queued round carries the latest event it absorbed: the state it will see.
   */
  private requestRound(trigger: Trigger): void {
    const alreadyQueued = this.queuedTrigger !== undefined;
    this.queuedTrigger = trigger;
    if (alreadyQueued) return;
    this.enqueue(async () => {
      const latest = this.queuedTrigger ?? trigger;
      this.queuedTrigger = undefined;
      await this.runChecks(latest);
    });
  }

  /** Work queued or running: check rounds, keys, answers. */
  private pending = 0;

  /** Whether check rounds (or other work) are running or waiting to run. */
  get busy(): boolean {
    return this.pending > 0;
  }

  private enqueue(work: () => Promise<void>): void {
    this.pending += 1;
    this.queue = this.queue
      .then(work)
      .catch((error: unknown) => {
        this.deps.emit({ type: "warning", message: error instanceof Error ? error.message : String(error) });
      })
      .finally(() => {
        this.pending -= 1;
      });
  }

  private async handle(event: LessonEvent): Promise<void> {
    const step = this.currentStep;
    if (this.finished || !step) return;
    if (this.leaving && !(event.type === "key" && event.key === "quit")) return;
    if (this.waiting) return this.handleWhileWaiting(event);
    switch (event.type) {
      case "daemon":
      case "continue":
        return;
      case "command": {
        // A command typed at an earlier step that already passed says nothing about this one; one that
        // failed or was stopped has had its say (docker's error): it can still pass the step, never nag.
        const quiet = event.stepIndex !== this.index || event.exitCode !== 0;
        return this.runChecks({ kind: "command", line: event.line }, { quiet, settle: !quiet });
      }
      case "tick":
        if (step.checks.some(isPolled)) await this.runChecks({ kind: "manual" }, { quiet: true });
        return;
      case "answer":
        if (step.kind !== "quiz") return;
        if ((await this.quizzes.answer(step, event.value)) === "done") return this.stepDone();
        return;
      case "key":
        return this.handleKey(step, event.key);
      case "daemon-lost":
        return this.sayDaemonLost(event.reason);
      case "daemon-back":
        this.deps.emit({ type: "warning", message: "The Docker daemon is back; checking again." });
        return this.runChecks({ kind: "manual" }, { quiet: true });
    }
  }

  /** A done step shown until the learner goes on: only Enter and `q` mean something now. */
  private async handleWhileWaiting(event: LessonEvent): Promise<void> {
    if (event.type === "continue" && event.stepIndex === this.index) {
      this.waiting = false;
      return this.advance();
    }
    if (event.type === "key" && event.key === "quit") return this.quit();
    if (event.type === "daemon-lost") return this.sayDaemonLost(event.reason);
    if (event.type === "daemon-back") this.deps.emit({ type: "warning", message: "The Docker daemon is back." });
    if (event.type === "key" || event.type === "answer")
      this.deps.emit({ type: "notice", message: "This step is done: press Enter for the next one (q leaves the lesson)." });
  }

  private sayDaemonLost(reason: string): void {
    this.deps.emit({
      type: "warning",
      message: `Lost the Docker daemon: ${lostDaemonWords(reason)}. Your place is kept, and the tutor checks again by itself once the daemon is back (if it stopped, start it: sudo systemctl start docker, or open Docker Desktop).`,
    });
  }

  private async handleKey(step: Step, key: LessonKey): Promise<void> {
    if (step.kind === "quiz") return this.handleQuizKey(step, key);
    switch (key) {
      case "check":
        return this.runChecks({ kind: "manual" });
      case "hint":
        return this.nextHint(step);
      case "solution":
        this.deps.emit({ type: "solution", step, commands: solutionCommands(step) });
        return;
      case "run":
        if (!this.deps.runSolution) return;
        this.deps.emit({ type: "solution", step, commands: solutionCommands(step) });
        await this.deps.runSolution(step);
        if (this.leaving) return;
        return this.runChecks({ kind: "manual" });
      case "skip":
        this.record(step, { status: "skipped" });
        this.deps.emit({ type: "skipped", step });
        return this.advance();
      case "quit":
        return this.quit();
    }
  }

  /** A quiz is answered, not checked or run: `s` gives the answer away, `k` leaves it open. */
  private async handleQuizKey(step: Step, key: LessonKey): Promise<void> {
    switch (key) {
      case "hint":
        return this.nextHint(step);
      case "solution":
        await this.quizzes.show(step);
        return this.stepDone();
      case "skip":
        this.quizzes.skip(step);
        return this.advance();
      case "quit":
        return this.quit();
      case "check":
      case "run":
        return this.quizzes.nothingTo(step, key);
    }
  }

  private quit(): void {
    this.finished = true;
    this.waiting = false;
    this.deps.emit({ type: "quit", index: this.index });
    this.resolveEnd("quit");
  }

  private async enterStep(): Promise<void> {
    const step = this.currentStep;
    if (!step) return this.finish();
    await this.deps.stepEntered?.(step);
    this.deps.emit({ type: "step", index: this.index, total: this.deps.lesson.steps.length, step });
    if (step.kind === "quiz" && step.quiz) {
      this.deps.emit({ type: "quiz", step, quiz: step.quiz, choices: this.quizzes.choicesShown(step) });
      return;
    }
    // A step already true on arrival (the learner was ahead) passes at once.
    await this.runChecks({ kind: "start" }, { quiet: true });
  }

  /** One check round. Passed steps never regress: on a pass we record it and move on. */
  private async runChecks(trigger: Trigger, options: { quiet?: boolean; settle?: boolean } = {}): Promise<void> {
    const step = this.currentStep;
    if (!step || step.kind === "quiz" || this.finished || this.leaving || this.waiting) return;
    let results = await this.deps.evaluate(step);
    if (!passes(results) && options.settle) {
      // Right after a command the daemon may still be settling (a network attach, a web server
      // starting): a second look spares the learner a "not yet" just before "done".
      await new Promise((resolve) => setTimeout(resolve, this.deps.settleAfterCommandMs ?? 700));
      if (this.leaving || this.finished) return;
      results = await this.deps.evaluate(step);
    }
    if (passes(results)) {
      this.record(step, { status: "passed" });
      const latest = this.latestEvent;
      const said =
        trigger.kind === "daemon-event" && latest && latest.timeMs > trigger.eventTimeMs
          ? { ...trigger, latestEventTimeMs: latest.timeMs, latestAction: latest.action }
          : trigger;
      this.deps.emit({ type: "passed", step, results, trigger: said });
      // The learner hears the verdict first; the proof is kept before the next step begins. A proof
      // the daemon could not give is said, and never keeps the learner at a step already done.
      await this.deps.afterPass?.(step, results).catch((error: unknown) => {
        this.deps.emit({ type: "warning", message: error instanceof Error ? error.message : String(error) });
      });
      return this.stepDone();
    }
    // While the learner works, daemon events stay silent until the step is done.
    if (options.quiet !== true && trigger.kind !== "daemon-event") this.deps.emit({ type: "not-yet", step, results, trigger });
  }

  private async nextHint(step: Step): Promise<void> {
    const used = this.deps.record.hintsUsed(step.id);
    if (used < step.hints.length) {
      this.deps.record.useHint(step.id);
      this.deps.emit({ type: "hint", step, number: used + 1, total: step.hints.length, text: step.hints[used] ?? "" });
      return;
    }
    if (step.kind === "quiz") {
      this.deps.emit({ type: "notice", message: "No more hints: s shows the answer." });
      return;
    }
    // The last rung: what the daemon shows right now, check by check.
    const results = await this.deps.evaluate(step);
    this.deps.emit({ type: "diagnosis", step, results });
  }

  private record(step: Step, outcome: StepRecord): void {
    this.deps.record.recordStep(step.id, outcome);
  }

  /** The step is done: the learner reads what was said and goes on, or (no learner) the lesson goes on. */
  private async stepDone(): Promise<void> {
    if (!this.learnerContinues) return this.advance();
    this.waiting = true;
    const step = this.currentStep;
    if (step) this.deps.emit({ type: "waiting", step, index: this.index });
  }

  private async advance(): Promise<void> {
    this.index += 1;
    return this.enterStep();
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    const steps = this.deps.lesson.steps;
    const progress = this.deps.record.finish();
    const outcomes = steps.map((s) => progress?.steps[s.id]?.status);
    const answers = steps.filter((s) => s.kind === "quiz").flatMap((s) => progress?.steps[s.id]?.correct ?? []);
    this.deps.emit({
      type: "lesson-done",
      passed: outcomes.filter((o) => o === "passed").length,
      skipped: outcomes.filter((o) => o === "skipped").length,
      total: steps.length,
      quizzes: { answered: answers.length, right: answers.filter(Boolean).length },
    });
    this.resolveEnd("finished");
  }
}

const passes = (results: readonly CheckResult[]) => results.length > 0 && results.every((r) => r.pass);

export function solutionCommands(step: Step): string[] {
  return step.solution.map((action) => {
    if ("run" in action) {
      const where = action.node ? `[on ${action.node}] ` : "";
      const then = action.stdin ? `   # then type: ${action.stdin.trim().replace(/\n/g, "; ")}` : "";
      const kept = action.capture ? `   # its output is $${action.capture} below` : "";
      return `${where}${action.run}${then}${kept}`;
    }
    if ("write" in action) return writeShown(action.write.path, action.write.content);
    if ("shell" in action) return action.shell;
    return `cp ${action.copy.from} ${action.copy.to}`;
  });
}

/** The first step not yet passed or skipped; the lesson's length when all are done. */
export function firstUnfinishedStep(lesson: Lesson, done: Readonly<Record<string, unknown>>): number {
  const index = lesson.steps.findIndex((s) => done[s.id] === undefined);
  return index === -1 ? lesson.steps.length : index;
}
