/**
 * Candidates (containers, say) are judged against a list of expectations. A check passes on a
 * candidate that meets them all; otherwise the learner hears about the one that came closest.
 */
export interface Expectation<T> {
  /** What is wanted, as a phrase after the subject: "ran `echo hello`". */
  readonly phrase: string;
  /** What differs ("ran `echo hi`, not `echo hello`"), or undefined when met. */
  readonly miss: (candidate: T) => Promise<string | undefined>;
  /** Judged only when every earlier expectation is met (running a command in a stopped container means nothing). */
  readonly onlyIfEarlierMet?: boolean;
}

export interface Judged<T> {
  readonly candidate: T;
  /** One entry per expectation: undefined when met. */
  readonly misses: readonly (string | undefined)[];
}

const NOT_JUDGED = "was not judged";

export async function judge<T>(candidate: T, expectations: readonly Expectation<T>[]): Promise<Judged<T>> {
  const misses: (string | undefined)[] = [];
  for (const expectation of expectations) {
    const earlierMissed = misses.some((m) => m !== undefined);
    misses.push(expectation.onlyIfEarlierMet && earlierMissed ? NOT_JUDGED : await expectation.miss(candidate));
  }
  return { candidate, misses };
}

export const meetsAll = <T>(judged: Judged<T>): boolean => judged.misses.every((m) => m === undefined);

/**
 * The candidate meeting the most expectations, and the first one it misses. On a tie the earlier
 * candidate wins: callers list the newest first, since that is the learner's latest attempt.
 */
export function closestCandidate<T>(judged: readonly Judged<T>[]): { candidate: T; miss: string } | undefined {
  let best: Judged<T> | undefined;
  let bestMet = -1;
  for (const entry of judged) {
    const met = entry.misses.filter((m) => m === undefined).length;
    if (met > bestMet) [best, bestMet] = [entry, met];
  }
  const miss = best?.misses.find((m) => m !== undefined);
  return best && miss !== undefined ? { candidate: best.candidate, miss } : undefined;
}
