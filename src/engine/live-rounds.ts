import type { Trigger } from "./events.js";

/** Rounds start at most this often: a burst of events (a build, a stack deploy) joins the next one. */
const MIN_GAP_MS = 15;
/** At most this many rounds are in flight; the next waits for one of them to end. */
const MAX_IN_FLIGHT = 2;

/** Starts one round now; resolves when it ended. */
export type LaunchRound = (trigger: Trigger) => Promise<unknown>;

/**
 * When the check rounds that daemon events (and ticks) ask for start. A round does not wait for an
 * older one to end: the daemon answers an inspect of a container only once the container's start
 * or exit handling is over, so a round asked for by a `create` can hang for as long as the start
 * takes, and the `start` or `die` that completes the step must not queue behind it. Whichever
 * round passes first gives the verdict (one that fails says nothing: a newer one follows). A burst
 * of events costs a round per MIN_GAP_MS at most, and the last one starts after the latest event,
 * so it sees the state the burst left; on a daemon others keep busy, rounds still end and count.
 */
export class LiveRounds {
  private pending: Trigger | undefined;
  private timer: NodeJS.Timeout | undefined;
  private inFlight = 0;
  private lastStartMs = Number.NEGATIVE_INFINITY;
  private ended: (() => void)[] = [];

  constructor(
    private readonly launch: LaunchRound,
    private readonly now: () => number = Date.now,
  ) {}

  /** A round after the latest event; joins one asked for and not yet started. */
  request(trigger: Trigger): void {
    this.pending = trigger;
    this.schedule();
  }

  /** A round is asked for or still running. */
  get busy(): boolean {
    return this.pending !== undefined || this.inFlight > 0;
  }

  /** Resolves once no round is asked for or running (at once when none is). */
  whenQuiet(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.ended.push(resolve));
  }

  /** Drops a round asked for and not started (the lesson ends). */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
    if (!this.busy) for (const resolve of this.ended.splice(0)) resolve();
  }

  private schedule(): void {
    if (this.pending === undefined || this.timer !== undefined || this.inFlight >= MAX_IN_FLIGHT) return;
    const wait = this.lastStartMs + MIN_GAP_MS - this.now();
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.schedule();
      }, wait);
      return;
    }
    this.start(this.pending);
  }

  private start(trigger: Trigger): void {
    this.pending = undefined;
    this.inFlight += 1;
    this.lastStartMs = this.now();
    const ended = () => {
      this.inFlight -= 1;
      this.schedule();
      if (!this.busy) for (const resolve of this.ended.splice(0)) resolve();
    };
    this.launch(trigger).then(ended, ended);
  }
}
