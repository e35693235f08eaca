import type { LessonProgress, ProgressStore, Snapshot, StepProgress } from "../progress/store.js";
import { lessonEntry } from "../progress/store.js";

/** How a step ended, as progress keeps it. */
export type StepRecord = Pick<StepProgress, "status" | "answer" | "correct">;

/**
 * One lesson's entry in the progress file: every write a lesson run makes goes through here, so
 * what a run records (and later, its evidence) is decided in one place. Each write is atomic.
 */
export class LessonRecord {
  constructor(
    private readonly store: ProgressStore,
    readonly lessonId: string,
    private readonly now: () => Date,
  ) {}

  /** The lesson's progress as the file has it now, or undefined before its first start. */
  read(): LessonProgress | undefined {
    return this.store.lesson(this.lessonId);
  }

  get snapshot(): Snapshot | undefined {
    return this.read()?.snapshot;
  }

  /**
   * Keeps the snapshot taken at the lesson's first start; a later one never replaces it. The
   * lesson's `startedAt` is the tutor's now, as its steps' times are: the snapshot's `takenAt` is on
   * the daemon's clock, which may differ.
   */
  keepSnapshot(snapshot: Snapshot): Snapshot {
    let kept = snapshot;
    this.store.update((data) => {
      const lesson = lessonEntry(data, this.lessonId, this.now());
      lesson.snapshot ??= snapshot;
      kept = lesson.snapshot;
    });
    return kept;
  }

  /** Values the tutor chose for the lesson's variables (a port it moved), kept for the next start. */
  keepVariables(chosen: Readonly<Record<string, string>>): void {
    this.store.update((data) => {
      const lesson = lessonEntry(data, this.lessonId, this.now());
      lesson.variables = { ...lesson.variables, ...chosen };
    });
  }

  hintsUsed(stepId: string): number {
    return this.read()?.hints[stepId] ?? 0;
  }

  /** Counts one more hint shown for the step; returns the new count. */
  useHint(stepId: string): number {
    let used = 0;
    this.store.update((data) => {
      const lesson = lessonEntry(data, this.lessonId, this.now());
      used = (lesson.hints[stepId] ?? 0) + 1;
      lesson.hints[stepId] = used;
    });
    return used;
  }

  recordStep(stepId: string, outcome: StepRecord): void {
    const now = this.now();
    this.store.update((data) => {
      const lesson = lessonEntry(data, this.lessonId, now);
      lesson.steps[stepId] = { ...outcome, at: now.toISOString(), hintsUsed: lesson.hints[stepId] ?? 0 };
    });
  }

  /** Forgets the lesson: its steps, hints, snapshot and chosen variables (reset). */
  forget(): void {
    this.store.update((data) => {
      delete data.lessons[this.lessonId];
    });
  }

  /** Marks the lesson finished; returns its progress as written. */
  finish(): LessonProgress | undefined {
    return this.store.update((data) => {
      const lesson = data.lessons[this.lessonId];
      if (lesson) lesson.finishedAt = this.now().toISOString();
    }).lessons[this.lessonId];
  }
}
