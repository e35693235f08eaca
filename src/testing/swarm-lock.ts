import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A daemon has one swarm. Two test runs on one machine must not both use it at once (one would
 * leave the swarm under the other's services), so lessons that need a swarm take turns.
 */
const LOCK = join(tmpdir(), "docker-tutor-swarm.lock");

/**
 * Set by a process that holds the lock to its pid, for the runs it starts under it: `npm run bench`
 * takes the lock before it starts its timer, so a `docker-tutor test` it times never waits for
 * another run's swarm lessons (scripts/bench-lessons.ts).
 */
export const SWARM_LOCK_HOLDER_ENV = "DOCKER_TUTOR_SWARM_LOCK_HOLDER";

/** Whether the lock is held, now, by the process the environment names as this run's holder. */
function heldForUs(env: Readonly<Record<string, string | undefined>>): boolean {
  const holder = env[SWARM_LOCK_HOLDER_ENV];
  if (!holder) return false;
  try {
    return readFileSync(join(LOCK, "pid"), "utf8") === holder;
  } catch {
    return false;
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

async function acquire(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, "pid"), String(process.pid));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    let holder = Number.NaN;
    try {
      holder = Number(readFileSync(join(LOCK, "pid"), "utf8"));
    } catch {
      // being written right now, or left half-made by a killed run: judged on the next turn
    }
    if (Number.isInteger(holder) && !alive(holder)) rmSync(LOCK, { recursive: true, force: true });
    if (Date.now() > deadline) throw new Error(`another docker-tutor run has held the swarm for ${timeoutMs / 1000} s (${LOCK})`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function withSwarmLock<T>(
  work: () => Promise<T>,
  timeoutMs = 15 * 60_000,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<T> {
  // The process that started this one holds it for us: it takes it back when it is done.
  if (heldForUs(env)) return work();
  await acquire(timeoutMs);
  try {
    return await work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
