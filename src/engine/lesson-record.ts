import type { LessonProgress, MadeRecord, ProgressStore, RecordedEvent, Snapshot, StepPass, StepProgress } from "../progress/store.js";
import { lessonEntry } from "../progress/store.js";
import { emptyMade, mergeMade } from "./made-record.js";

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

  /** The progress file this record writes to; other files of the tutor's data sit beside it. */
  get file(): string {
    return this.store.file;
  }

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
   * the daemon's clock, which may differ. From the first start on, what the lesson makes is recorded.
   */
  keepSnapshot(snapshot: Snapshot): Snapshot {
    let kept = snapshot;
    this.store.update((data) => {
      const lesson = lessonEntry(data, this.lessonId, this.now());
      if (!lesson.snapshot) lesson.made ??= emptyMade();
      lesson.snapshot ??= snapshot;
      kept = lesson.snapshot;
    });
    return kept;
  }

  /** What the lesson was seen making; undefined in progress from before it was recorded. */
  get made(): MadeRecord | undefined {
    return this.read()?.made;
  }

  /** Adds what a run saw the lesson make to what the file has (another tutor process may have added too); returns the whole record. */
  keepMade(found: MadeRecord): MadeRecord {
    let kept = found;
    this.store.update((data) => {
      const lesson = lessonEntry(data, this.lessonId, this.now());
      lesson.made = mergeMade(lesson.made, found);
      kept = lesson.made;
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

  /**
   * The step is shown at `at` (the daemon's clock): from then on what the learner does counts for
   * it. A step shown before and not yet finished keeps its first start (a resumed lesson, where the
   * learner may have worked meanwhile); a finished step shown again starts afresh. Returns the start kept.
   */
  enterStep(stepId: string, at: Date): Date {
    let kept = at;
    this.store.update((data) => {
      const lesson = lessonEntry(data, this.lessonId, this.now());
      const earlier = lesson.stepStarts?.[stepId];
      const unfinished = lesson.steps[stepId] === undefined;
      if (earlier !== undefined && unfinished && Number.isFinite(Date.parse(earlier))) kept = new Date(earlier);
      else lesson.stepStarts = { ...lesson.stepStarts, [stepId]: at.toISOString() };
    });
    return kept;
  }

  /** When the step was first shown, on the daemon's clock; undefined when it never was (a lesson only ever checked). */
  stepStart(stepId: string): Date | undefined {
    const at = this.read()?.stepStarts?.[stepId];
    return at === undefined || !Number.isFinite(Date.parse(at)) ? undefined : new Date(at);
  }

  /** Keeps what the learner was seen doing when the step passed, for `check` to grade once the daemon has forgotten. */
  keepEvidence(stepId: string, events: readonly RecordedEvent[]): void {
    this.store.update((data) => {
      const lesson = lessonEntry(data, this.lessonId, this.now());
      lesson.evidence = { ...lesson.evidence, [stepId]: [...events] };
    });
  }

  evidence(stepId: string): readonly RecordedEvent[] {
    return this.read()?.evidence?.[stepId] ?? [];
  }

  /**
   * Keeps the passes the tutor just saw, each replacing the step's older one: the newest is what
   * `check` shows. Only a lesson that has progress gets them: a `check` of a lesson never started
   * does not start it.
   */
  keepPasses(passes: Readonly<Record<string, StepPass>>): void {
    if (Object.keys(passes).length === 0) return;
    this.store.update((data) => {
      const lesson = data.lessons[this.lessonId];
      if (lesson) lesson.passes = { ...lesson.passes, ...passes };
    });
  }

  /** The pass the tutor last saw for each step; empty before any. */
  passes(): Readonly<Record<string, StepPass>> {
    return this.read()?.passes ?? {};
  }

  /** Where the lesson's files were copied: `reset` restores them there. */
  keepWorkspace(dir: string): void {
    this.store.update((data) => {
      lessonEntry(data, this.lessonId, this.now()).workspace = dir;
    });
  }

  get workspace(): string | undefined {
    return this.read()?.workspace;
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

  /** Forgets the lesson: its steps, hints, snapshot, record of what it made, chosen variables, step starts, evidence and passes (reset). */
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
