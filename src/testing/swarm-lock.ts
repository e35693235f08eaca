import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A daemon has one swarm. Two test runs on one machine must not both use it at once (one would
 * leave the swarm under the other's services), so lessons that need a swarm take turns.
 */
const LOCK = join(tmpdir(), "docker-tutor-swarm.lock");

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

export async function withSwarmLock<T>(work: () => Promise<T>, timeoutMs = 15 * 60_000): Promise<T> {
  await acquire(timeoutMs);
  try {
    return await work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
