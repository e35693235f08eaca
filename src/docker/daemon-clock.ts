import type { DaemonInfo } from "./views.js";

/**
 * The daemon's clock, as the tutor knows it: the tutor's clock plus an offset (daemon minus tutor)
 * measured from `/info`'s `SystemTime`.
 *
 * Container and image `Created`, event times and the events stream's `since` are all on the
 * daemon's clock. With Docker Desktop, Colima or a remote host that clock is not the tutor's, and a
 * VM's clock drifts (it stops while the laptop sleeps): compared with `Date.now()`, a new container
 * could look older than the lesson, or the event stream could start in the daemon's future and
 * miss every event (issue 14, item 7). Whatever is compared with a daemon timestamp is therefore
 * taken from here; times only shown to the learner stay on the tutor's clock.
 */
export class DaemonClock {
  private measurement: Promise<Measured> | undefined;
  private known: Measured | undefined;

  constructor(
    private readonly daemon: { info(): Promise<Pick<DaemonInfo, "systemTime">> },
    private readonly tutorNow: () => Date = () => new Date(),
  ) {}

  /** The daemon's time now; the first call asks the daemon for it. */
  async now(): Promise<Date> {
    const { offset } = await this.measured();
    return new Date(this.tutorNow().getTime() + offset);
  }

  /** The daemon's time now, in ms, by the last measurement (the tutor's own time before one): for what cannot wait for it. */
  knownNowMs(): number {
    return this.tutorNow().getTime() + (this.known?.offset ?? 0);
  }

  /**
   * The latest the daemon's clock can read now: the daemon read its clock somewhere within the
   * round trip that measured it. What must not end before the daemon's now (the `until` of a look
   * at its event history) ends here, at most a round trip late.
   */
  async latestNow(): Promise<Date> {
    const { offset, uncertainty } = await this.measured();
    return new Date(this.tutorNow().getTime() + offset + uncertainty);
  }

  private measured(): Promise<Measured> {
    this.measurement ??= this.measure();
    return this.measurement.catch((error: unknown) => {
      this.measurement = undefined; // an unreachable daemon is asked again next time
      throw error;
    });
  }

  /** Asks the daemon its time again, as after it was lost: its clock may have jumped meanwhile. Throws when it does not answer. */
  async remeasure(): Promise<void> {
    const measured = this.measure();
    await measured;
    this.measurement = measured;
  }

  private async measure(): Promise<Measured> {
    const sentAt = this.tutorNow().getTime();
    const { systemTime } = await this.daemon.info();
    const receivedAt = this.tutorNow().getTime();
    this.known = { offset: offsetOf(systemTime, sentAt, receivedAt), uncertainty: Math.ceil((receivedAt - sentAt) / 2) };
    return this.known;
  }
}

/** Daemon minus tutor, and how far off that may be either way (half the round trip that measured it). */
interface Measured {
  readonly offset: number;
  readonly uncertainty: number;
}

/**
 * Daemon minus tutor, in ms, from a time the daemon stated while the tutor waited from `sentAt` to
 * `receivedAt`: the daemon read its clock somewhere in between, so the midpoint is off by at most
 * half the round trip. A daemon that states no time (or an unreadable one) counts as in step with us.
 *
 * A time that falls within the round trip is one clock in step with ours could have stated, and
 * then the offset is 0, not the midpoint's: the daemon need not read its clock halfway. Podman
 * spends seconds on `/info` (it asks the package manager which packages its helpers came from)
 * and reads its clock at the end, so the midpoint would put a daemon on this very machine a second
 * ahead, and a container made just after a step began would count as made before it.
 */
export function offsetOf(daemonTime: Date | undefined, sentAt: number, receivedAt: number): number {
  const daemonMs = daemonTime?.getTime();
  if (daemonMs === undefined || Number.isNaN(daemonMs)) return 0;
  if (daemonMs >= sentAt && daemonMs <= receivedAt) return 0;
  return Math.round(daemonMs - (sentAt + receivedAt) / 2);
}
