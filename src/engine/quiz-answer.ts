/** Is the learner's answer one of the accepted ones? Case, spacing and a trailing `:latest` do not matter. Pure. */
export function gradeAnswer(given: string, accepted: readonly string[]): boolean {
  const norm = (text: string) =>
    text
      .trim()
      .toLowerCase()
      .replace(/\s+/g, " ")
      .replace(/^docker\.io\/(library\/)?/, "")
      .replace(/:latest$/, "");
  const answer = norm(given);
  return accepted.some((a) => {
    const expected = norm(a);
    if (answer === expected) return true;
    const [x, y] = [Number(answer), Number(expected)];
    return answer !== "" && !Number.isNaN(x) && x === y;
  });
}
