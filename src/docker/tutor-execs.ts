import { appendFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** Past this size the shared file is cut down to its newest entries. */
const SHARED_FILE_MAX_BYTES = 64 * 1024;
const KEPT_AFTER_CUT = 500;

/**
 * The execs the tutor itself started (its checks' probes: `ls /hello.txt`, `ping`, `nslookup`), by
 * exec id. The daemon's exec events carry that id (`execID`, on Engine 18.02 and later: moby's
 * daemon/exec.go and daemon/monitor.go), so a check of what the learner did can leave the tutor's
 * own probes out, however alike the commands are.
 *
 * Another tutor process (a `docker-tutor check` while the lesson runs, a lesson resumed later)
 * probes too: with `shareThrough`, ids are also appended to a file in the tutor's data folder, and
 * `has` reads it. An id is kept before the exec starts, so no event of it can be seen earlier.
 */
export class TutorExecs {
  private readonly ids = new Set<string>();
  private file: string | undefined;

  /** Keeps the ids in `file` too, shared with every tutor process that uses the same data folder. */
  shareThrough(file: string): void {
    this.file = file;
  }

  add(execId: string): void {
    this.ids.add(execId);
    if (this.file) appendShared(this.file, execId);
  }

  has(execId: string): boolean {
    if (this.ids.has(execId)) return true;
    return this.file !== undefined && readShared(this.file).has(execId);
  }
}

function appendShared(file: string, execId: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    if (sizeOf(file) > SHARED_FILE_MAX_BYTES) {
      const kept = [...readShared(file)].slice(-KEPT_AFTER_CUT);
      writeFileSync(file, `${kept.join("\n")}\n`);
    }
    appendFileSync(file, `${execId}\n`);
  } catch {
    // Sharing is a courtesy to other tutor processes; this one still knows its own ids.
  }
}

function readShared(file: string): Set<string> {
  try {
    return new Set(
      readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => line !== ""),
    );
  } catch {
    return new Set();
  }
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
