import { lostDaemonWords } from "../docker/connection-failure.js";
import type { DockerEvent } from "../docker/views.js";
import type { EventSink } from "./daemon-follow.js";
import type { LessonEvent } from "./events.js";

export interface RoundSchedulerOptions {
  /** One check round; rounds never overlap. */
  readonly round: () => Promise<void>;
  /** Whether a daemon event may change what is checked (not the tutor's own probes). */
  readonly wakes: (event: DockerEvent) => boolean;
  readonly warn: (message: string) => void;
}

/**
 * When check rounds run while every step is watched at once (a command under `check -- …`): on
 * daemon events, on ticks (for what no event announces: a page, a file in a volume), and when the
 * daemon is back. A burst of events costs at most two rounds: one running, one queued that every
 * later event joins, so the queued one sees the state after the latest of them.
 */
export class RoundScheduler implements EventSink {
  private queued = false;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: RoundSchedulerOptions) {}

  dispatch(event: LessonEvent): void {
    switch (event.type) {
      case "daemon":
        if (this.options.wakes(event.event)) this.request();
        return;
      case "tick":
      case "daemon-back":
        this.request();
        return;
      case "daemon-lost":
        this.options.warn(`Lost the Docker daemon: ${lostDaemonWords(event.reason)}. The tutor checks again once it is back.`);
        return;
      default:
        return;
    }
  }

  /** A round after those already asked for, unless one is waiting to run already (it will see the same state). */
  request(): void {
    if (this.queued) return;
    this.queued = true;
    this.queue = this.queue
      .then(async () => {
        this.queued = false;
        await this.options.round();
      })
      .catch((error: unknown) => this.options.warn(error instanceof Error ? error.message : String(error)));
  }

  /** Resolves once every round asked for so far has run. */
  async idle(): Promise<void> {
    let seen: Promise<void> | undefined;
    while (seen !== this.queue) {
      seen = this.queue;
      await seen;
    }
  }
}
