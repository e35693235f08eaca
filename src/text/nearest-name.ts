/**
 * The known name a mistyped one was most likely meant to be: `helo-world` → `hello-world`. Typos are
 * a letter dropped, added, changed or two swapped, so the distance is Damerau's (optimal string
 * alignment), and the slack grows with the name: one edit for short names, up to three for long ones.
 */
export function nearestName(typed: string, known: readonly string[]): string | undefined {
  const slack = typed.length <= 4 ? 1 : typed.length <= 8 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = slack + 1;
  for (const candidate of known) {
    if (candidate === typed) continue;
    const distance = typoDistance(typed.toLowerCase(), candidate.toLowerCase());
    // on a tie the earlier candidate stays: callers list the likeliest first
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

/** Edits (insert, delete, change, swap two neighbours) from a to b. */
export function typoDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const above = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (rows[i - 2]?.[j - 2] as number) + 1);
      row.push(d);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 0;
}
