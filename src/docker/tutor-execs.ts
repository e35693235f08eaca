import { appendFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** Past this size the shared file is cut down to its newest entries. */
const SHARED_FILE_MAX_BYTES = 64 * 1024;
const KEPT_AFTER_CUT = 500;
/** How long another process's probe may run, for lack of its end: the probes' own time limit and then some. */
const SHARED_EXEC_MAX_MS = 20_000;
/**
 * How far an event's time may fall outside a probe's run and still be the probe's: the run is timed
 * around the whole exec (from before its create to after its exit code), so this is only for clocks
 * read apart. Kept small: the checks probe every 250 ms, and wider runs would cover the learner's exec too.
 */
const RUN_TOLERANCE_MS = 50;

/** When one of the tutor's execs ran, in ms on the clock `TutorExecs` was given. */
interface Run {
  readonly from: number;
  to?: number;
}

/**
 * The execs the tutor itself started (its checks' probes: `ls /hello.txt`, `ping`, `nslookup`), by
 * exec id. The daemon's exec events carry that id (`execID`, on Engine 18.02 and later: moby's
 * daemon/exec.go and daemon/monitor.go), so a check of what the learner did can leave the tutor's
 * own probes out, however alike the commands are.
 *
 * Podman's exec events carry no id (complete-events.ts), so when each probe ran is kept too: an
 * event at a time no probe ran is not a probe's.
 *
 * Another tutor process (a `docker-tutor check` while the lesson runs, a lesson resumed later)
 * probes too: with `shareThrough`, ids and start times are also appended to a file in the tutor's
 * data folder, and `has` reads it. An id is kept before the exec starts, so no event of it can be
 * seen earlier.
 */
export class TutorExecs {
  private readonly runs = new Map<string, Run>();
  private file: string | undefined;
  /** The shared file as last read, with what told it apart (stampOf). */
  private sharedRead: { readonly file: string; readonly stamp: string; readonly runs: Map<string, number> } | undefined;
  /** The daemon's time now, in ms: event times are on its clock. */
  private now: () => number = Date.now;

  /** Keeps the ids in `file` too, shared with every tutor process that uses the same data folder. */
  shareThrough(file: string): void {
    this.file = file;
  }

  /** Times the runs by the daemon's clock from now on (daemon-clock.ts), as its events are. */
  useClock(daemonNowMs: () => number): void {
    this.now = daemonNowMs;
  }

  /** Keeps `execId` as the tutor's, started now; before it starts. */
  add(execId: string): void {
    const from = this.now();
    this.runs.set(execId, { from });
    if (this.file) appendShared(this.file, `${execId} ${from}`);
  }

  /** The tutor's exec `execId` has ended. */
  ended(execId: string): void {
    const run = this.runs.get(execId);
    if (run) run.to = this.now();
  }

  has(execId: string): boolean {
    return this.runOf(execId) !== undefined;
  }

  /**
   * When the tutor started `execId`, if it is the tutor's and was running at `timeMs` (the daemon's
   * clock); undefined otherwise.
   */
  startedAround(execId: string, timeMs: number): number | undefined {
    const run = this.runOf(execId);
    if (run?.from === undefined) return undefined;
    const to = run.to ?? (this.runs.has(execId) ? Number.POSITIVE_INFINITY : run.from + SHARED_EXEC_MAX_MS);
    return timeMs >= run.from - RUN_TOLERANCE_MS && timeMs <= to + RUN_TOLERANCE_MS ? run.from : undefined;
  }

  private runOf(execId: string): Partial<Run> | undefined {
    const own = this.runs.get(execId);
    if (own) return own;
    if (this.file === undefined) return undefined;
    const shared = this.sharedRuns(this.file).get(execId);
    if (shared === undefined) return undefined;
    return Number.isFinite(shared) ? { from: shared } : {};
  }

  /** The shared file's entries, read again only when it changed: Podman's completer asks for every session of every exec event. */
  private sharedRuns(file: string): Map<string, number> {
    const stamp = stampOf(file);
    if (this.sharedRead?.file !== file || this.sharedRead.stamp !== stamp) this.sharedRead = { file, stamp, runs: readShared(file) };
    return this.sharedRead.runs;
  }
}

function appendShared(file: string, line: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    if (sizeOf(file) > SHARED_FILE_MAX_BYTES) {
      const kept = sharedLines(file).slice(-KEPT_AFTER_CUT);
      writeFileSync(file, `${kept.join("\n")}\n`);
    }
    appendFileSync(file, `${line}\n`);
  } catch {
    // Sharing is a courtesy to other tutor processes; this one still knows its own ids.
  }
}

/** Each shared id with its start time (NaN for a line with none, as an older tutor wrote them). */
function readShared(file: string): Map<string, number> {
  try {
    const entries = sharedLines(file).map((line): [string, number] => {
      const [id = "", from] = line.split(" ");
      return [id, from === undefined ? Number.NaN : Number(from)];
    });
    return new Map(entries);
  } catch {
    return new Map();
  }
}

function sharedLines(file: string): string[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line !== "");
}

/** What tells a changed file from the one read before: its size and modification time ("" when it cannot be read). */
function stampOf(file: string): string {
  try {
    const { size, mtimeMs } = statSync(file);
    return `${size} ${mtimeMs}`;
  } catch {
    return "";
  }
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
