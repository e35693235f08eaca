/** `k=v` words as docker's opts read labels and driver options: a bare `k` has an empty value, the last `k` wins. */
export function keyValues(words: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    words.map((word) => {
      const equals = word.indexOf("=");
      return equals < 0 ? [word, ""] : [word.slice(0, equals), word.slice(equals + 1)];
    }),
  );
}
