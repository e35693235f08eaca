import { PURPOSE_LABEL } from "../docker/labels.js";
import type { DockerReader } from "../docker/reader.js";
import type { DockerEvent } from "../docker/views.js";
import type { Lesson } from "../lessons/schema.js";
import type { MadeRecord } from "../progress/store.js";
import { type Baseline, madeInRound, mergeMade } from "./made-record.js";
import { readDaemonObjects } from "./ownership.js";

/** Events after which something may have been made; one look follows a burst of them. */
const MAKING_ACTIONS = new Set(["create", "tag", "import", "load", "pull", "commit"]);
const LOOK_AFTER_MS = 300;
/**
 * While check rounds run, a look waits (this long at a time, at most MAX_DEFERRALS times): it lists
 * everything (images take 200 ms on the containerd store) and would slow the round whose verdict
 * the learner is waiting for.
 */
const DEFER_MS = 100;
const MAX_DEFERRALS = 20;

export interface MadeRecorderOptions {
  readonly client: DockerReader;
  readonly lesson: Lesson;
  /** What was there when this run began; without one the run only reads the record (check, hint, reset). */
  readonly baseline: Baseline | undefined;
  /** The record so far (progress's, or nothing for a test run). */
  readonly made: MadeRecord | undefined;
  /** Writes what was found into progress and returns the whole record; absent, the record stays in memory (test). */
  readonly keep?: (found: MadeRecord) => MadeRecord;
  readonly runLabel?: { readonly key: string; readonly value: string };
}

/**
 * Records what a lesson makes, by id, as it sees it appear while the run lasts: after a solution,
 * after a step passes, a moment after the daemon says something was made, and when the run ends.
 * Looks run one at a time, so a record is never written from an older look over a newer one.
 */
export class MadeRecorder {
  private made: MadeRecord | undefined;
  private queue: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private checking: () => boolean = () => false;

  constructor(private readonly options: MadeRecorderOptions) {
    this.made = options.made;
  }

  get record(): MadeRecord | undefined {
    return this.made;
  }

  /** One look at the daemon, after those already asked for; a daemon that does not answer records nothing. */
  look(): Promise<void> {
    if (!this.options.baseline) return Promise.resolve();
    this.queue = this.queue.then(() => this.lookNow()).catch(() => undefined);
    return this.queue;
  }

  /** Looks that events ask for wait while `checking` says check rounds are running (the interactive lesson's). */
  yieldTo(checking: () => boolean): void {
    this.checking = checking;
  }

  /** A daemon event: when it may have made something, a look shortly (one for a burst). */
  saw(event: DockerEvent): void {
    if (!MAKING_ACTIONS.has(event.action) || event.attributes[PURPOSE_LABEL] || this.timer) return;
    this.lookIn(LOOK_AFTER_MS, 0);
  }

  /** A look as soon as no check round runs (after a step passed: the next step's first round goes first). */
  lookSoon(): void {
    if (!this.timer) this.lookIn(0, 0);
  }

  private lookIn(ms: number, deferrals: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.checking() && deferrals < MAX_DEFERRALS) return this.lookIn(DEFER_MS, deferrals + 1);
      void this.look();
    }, ms);
    this.timer.unref();
  }

  /** No more looks on events (the last one is the caller's). */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async lookNow(): Promise<void> {
    const { baseline, client, lesson, runLabel, keep } = this.options;
    if (!baseline) return;
    const found = madeInRound(lesson, baseline, this.made, await readDaemonObjects(client), runLabel);
    const merged = mergeMade(this.made, found);
    if (merged === this.made) return;
    this.made = keep ? keep(found) : merged;
  }
}
