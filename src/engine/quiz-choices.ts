/**
 * The order a quiz's choices are shown in, and which choice a typed line names. Authors tend to
 * write the right answer first; a shuffle seeded by the lesson and step keeps the order the same on
 * every run (a learner who comes back sees what they saw) without the answer always on top. Pure.
 */
export function choiceOrder(seed: string, choices: readonly string[]): string[] {
  const random = seededRandom(seed);
  const order = [...choices];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as string, order[i] as string];
  }
  return order;
}

/**
 * The choice a typed line names: its text (case and spacing aside) or its number as shown, 1-based.
 * The text wins, so a choice that is itself a number ("3") is taken as written. Undefined: neither.
 */
export function choiceNamed(line: string, shown: readonly string[]): string | undefined {
  const norm = (text: string) => text.trim().toLowerCase().replace(/\s+/g, " ");
  const typed = norm(line);
  if (typed === "") return undefined;
  const byText = shown.find((choice) => norm(choice) === typed);
  if (byText !== undefined) return byText;
  if (!/^\d+\.?$/.test(typed)) return undefined;
  return shown[Number.parseInt(typed, 10) - 1];
}

/** mulberry32 over an FNV-1a hash of the seed: small, and the same on every platform. */
function seededRandom(seed: string): () => number {
  let state = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) state = Math.imul(state ^ seed.charCodeAt(i), 0x01000193);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
