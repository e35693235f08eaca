import type { DockerReader } from "../docker/reader.js";

/** How long an exec's answer may stand in for a later round's: the round right after it, not the polling of the next seconds. */
const WARM_MS = 500;

interface Kept {
  readonly askedAtMs: number;
  readonly answer: ReturnType<DockerReader["exec"]>;
}

/** One check round's side of WarmExecs. */
export interface WarmRound {
  /** The reader (of the daemon `where`: a playground node's), its execs kept and, where they can be, answered from what was kept. */
  over<R extends DockerReader>(reader: R, where?: string): R;
  /** Whether an exec of this round was answered from an earlier round's. */
  readonly answeredFromKept: boolean;
}

/**
 * An exec a check round ran, kept for the round right after it while no daemon event that may
 * change what the step checks came in since it was asked. A round that waited for containers to
 * start ends with its exec answered and a round queued by those starts: that round asks the same
 * question of the same container, and the answer is the one just given (an exec costs 100-200 ms,
 * the most of a round). Some state changes with no event (a name the swarm's DNS learns a moment
 * later), so a kept answer may only hasten a pass: a round that fails with one is asked again
 * fresh (`round(true)`).
 */
export class WarmExecs {
  private readonly kept = new Map<string, Kept>();

  constructor(private readonly nowMs: () => number = Date.now) {}

  /** A daemon event that may change what the step checks came in: what was asked before it is stale. */
  forget(): void {
    this.kept.clear();
  }

  /** A round's readers; a `fresh` one asks every exec anew (and keeps its answers for the next). */
  round(fresh = false): WarmRound {
    let answeredFromKept = false;
    const over = <R extends DockerReader>(reader: R, where = ""): R => ({
      ...reader,
      exec: (idOrName: string, command: readonly string[]) => {
        const key = JSON.stringify([where, idOrName, command]);
        const now = this.nowMs();
        const kept = this.kept.get(key);
        if (!fresh && kept && now - kept.askedAtMs <= WARM_MS) {
          answeredFromKept = true;
          return kept.answer;
        }
        const answer = reader.exec(idOrName, command);
        this.kept.set(key, { askedAtMs: now, answer });
        // an exec that could not run is not kept: the next round tries again
        answer.catch(() => {
          if (this.kept.get(key)?.answer === answer) this.kept.delete(key);
        });
        return answer;
      },
    });
    return {
      over,
      get answeredFromKept() {
        return answeredFromKept;
      },
    };
  }
}
