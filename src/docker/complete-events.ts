import type { DockerEvent } from "./views.js";

/**
 * Podman's Docker API reports execs and network plugs with less than Docker does, and under other
 * names (Podman's libpod/events.go and pkg/domain/entities/events.go):
 * - an exec is `exec` when it starts and `exec_died` when it ends, with the exit code as
 *   `containerExitCode`, and neither says which exec session it was nor what it ran; Docker says
 *   `exec_start: ls /hello.txt` and `exec_die`, each with `execID` (and `exitCode`);
 * - a network `connect`/`disconnect` has the container as its actor and the network's name as
 *   `network` (Podman 5; Podman 4 does not say which network); Docker has the network as its
 *   actor, its name as `name` and the container as `container`.
 * Here such events get Docker's shape, so that the tutor's own execs are known by id
 * (tutor-execs.ts) and what the learner did reads the same on either engine. Docker's own events
 * pass unchanged: none of them looks like these.
 */

/** An exec session as the container's inspect (`ExecIDs`) and the exec's inspect tell it. */
export interface ExecSession {
  readonly id: string;
  readonly running: boolean;
  readonly exitCode: number | undefined;
  /** The words it ran, joined by spaces, as Docker's `exec_start: …` says them. */
  readonly command: string;
}

export interface EventLookups {
  /** The container's exec sessions; empty when it is gone. */
  execSessions(containerId: string): Promise<readonly ExecSession[]>;
  /** The network's id, from its name; undefined when it is gone. */
  networkId(name: string): Promise<string | undefined>;
}

const PODMAN_EXEC_START = "exec";
const PODMAN_EXEC_DIED = "exec_died";
/**
 * A start reported before its session can be read (not yet listed, or listed without its command,
 * seen on a busy machine) is read again after these pauses (ms): an exec read as "ran nothing"
 * would tell a learner the wrong thing about what they typed.
 */
const EXEC_READ_AGAIN_MS = [100, 300, 600];

/** What the completer knows of the tutor's own execs (tutor-execs.ts). */
export interface TutorExecTimes {
  has(execId: string): boolean;
  /** When the tutor started `execId`, if it is the tutor's and was running at `timeMs`; undefined otherwise. */
  startedAround(execId: string, timeMs: number): number | undefined;
}

const NO_TUTOR_EXECS: TutorExecTimes = { has: () => false, startedAround: () => undefined };

export interface CompleterOptions {
  readonly pause?: (ms: number) => Promise<void>;
  /** Whether an exec start's session is worth reading again: not an old one from the daemon's history, gone for good. */
  readonly worthReadingAgain?: (event: DockerEvent) => boolean;
  readonly tutorExecs?: TutorExecTimes;
}

/**
 * One stream's worth of completing: which exec session each id-less exec event was. Sessions carry
 * no time, and a container lists them in no fixed order, so a session is chosen for each event by
 * who may have run then: a session of the tutor's own that was running at the event's time (one of
 * its checks' probes, which run beside the learner's exec) goes first, the earliest started; then
 * any other session (the learner's), a running one first (a session whose start is being reported
 * is most often still running); then whatever is left.
 */
export class EventCompleter {
  private readonly started = new Set<string>();
  private readonly ended = new Set<string>();
  private readonly pause: (ms: number) => Promise<void>;
  private readonly worthReadingAgain: (event: DockerEvent) => boolean;
  private readonly tutorExecs: TutorExecTimes;

  constructor(
    private readonly lookups: EventLookups,
    options: CompleterOptions = {},
  ) {
    this.pause = options.pause ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.worthReadingAgain = options.worthReadingAgain ?? (() => true);
    this.tutorExecs = options.tutorExecs ?? NO_TUTOR_EXECS;
  }

  async complete(event: DockerEvent): Promise<DockerEvent> {
    if (event.type === "container" && event.attributes.execID === undefined) {
      if (event.action === PODMAN_EXEC_START) return this.execStarted(event);
      if (event.action === PODMAN_EXEC_DIED) return this.execEnded(event);
    }
    if (
      event.type === "network" &&
      (event.action === "connect" || event.action === "disconnect") &&
      event.attributes.container === undefined
    )
      return this.plugged(event);
    return event;
  }

  private async execStarted(event: DockerEvent): Promise<DockerEvent> {
    let session = await this.unstartedSession(event);
    for (const ms of this.worthReadingAgain(event) ? EXEC_READ_AGAIN_MS : []) {
      if (session?.command) break;
      await this.pause(ms);
      session = await this.unstartedSession(event);
    }
    if (!session) return { ...event, action: "exec_start" };
    this.started.add(session.id);
    return { ...event, action: `exec_start: ${session.command}`, attributes: { ...event.attributes, execID: session.id } };
  }

  private async unstartedSession(event: DockerEvent): Promise<ExecSession | undefined> {
    const sessions = (await this.sessionsOf(event.actorId)).filter((s) => !this.started.has(s.id));
    return this.likeliest(sessions, event.timeMs);
  }

  /** Of the sessions that may be the event's, the one most likely (see the class's comment). */
  private likeliest(sessions: readonly ExecSession[], timeMs: number): ExecSession | undefined {
    let probe: { session: ExecSession; startedAt: number } | undefined;
    for (const session of sessions) {
      const startedAt = this.tutorExecs.startedAround(session.id, timeMs);
      if (startedAt !== undefined && (probe === undefined || startedAt < probe.startedAt)) probe = { session, startedAt };
    }
    if (probe) return probe.session;
    const others = sessions.filter((s) => !this.tutorExecs.has(s.id));
    return others.find((s) => s.running) ?? others[0] ?? sessions.find((s) => s.running) ?? sessions[0];
  }

  private async execEnded(event: DockerEvent): Promise<DockerEvent> {
    const exitCode = event.attributes.containerExitCode;
    const attributes = { ...event.attributes, ...(exitCode === undefined ? {} : { exitCode }) };
    const sessions = (await this.sessionsOf(event.actorId)).filter((s) => !s.running && !this.ended.has(s.id));
    const sameCode = (s: ExecSession) => exitCode === undefined || String(s.exitCode) === exitCode;
    const session =
      this.likeliest(
        sessions.filter((s) => this.started.has(s.id) && sameCode(s)),
        event.timeMs,
      ) ?? this.likeliest(sessions.filter(sameCode), event.timeMs);
    if (!session) return { ...event, action: "exec_die", attributes };
    this.ended.add(session.id);
    this.started.add(session.id);
    return { ...event, action: "exec_die", attributes: { ...attributes, execID: session.id } };
  }

  private async plugged(event: DockerEvent): Promise<DockerEvent> {
    const network = event.attributes.network ?? "";
    const networkId = network === "" ? "" : ((await this.lookups.networkId(network).catch(() => undefined)) ?? network);
    return { ...event, actorId: networkId, attributes: { ...event.attributes, container: event.actorId, name: network } };
  }

  private sessionsOf(containerId: string): Promise<readonly ExecSession[]> {
    return this.lookups.execSessions(containerId).catch(() => []);
  }
}
