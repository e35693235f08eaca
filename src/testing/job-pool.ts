/**
 * Runs `work` on each item, at most `jobs` at a time. Items start in `order` (indices into items;
 * their own order when absent); once `stopStarting()` says so (a failure with --bail, Ctrl-C), no
 * further item starts and those that run are waited for. Resolves with each item's result in the
 * items' order, undefined for an item that never started. A rejection is passed on once every
 * running item has finished.
 */
export async function runPool<T, R>(
  items: readonly T[],
  jobs: number,
  work: (item: T, index: number) => Promise<R>,
  options: { readonly order?: readonly number[]; readonly stopStarting?: () => boolean } = {},
): Promise<(R | undefined)[]> {
  const results: (R | undefined)[] = items.map(() => undefined);
  const queue = [...(options.order ?? items.map((_, i) => i))];
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    for (;;) {
      if (failure || options.stopStarting?.()) return;
      const index = queue.shift();
      if (index === undefined) return;
      try {
        results[index] = await work(items[index] as T, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, queue.length)) }, worker));
  if (failure) throw failure.error;
  return results;
}

/** Indices of the items, those `first` picks ahead of the rest, each group in its own order. */
export function startOrder<T>(items: readonly T[], first: (item: T) => boolean): number[] {
  const indices = items.map((_, i) => i);
  return [...indices.filter((i) => first(items[i] as T)), ...indices.filter((i) => !first(items[i] as T))];
}
