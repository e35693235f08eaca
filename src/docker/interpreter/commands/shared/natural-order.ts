/**
 * fvbommel/sortorder NaturalLess, which docker uses to sort `network ls` and `volume ls` by name:
 * digit runs compare as numbers ("net2" before "net10"), everything else byte by byte.
 */
export function naturalLess(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const digitA = isDigit(a, i);
    const digitB = isDigit(b, j);
    if (digitA !== digitB) return digitA;
    if (!digitA) {
      if (a.charAt(i) !== b.charAt(j)) return a.charAt(i) < b.charAt(j);
      i++;
      j++;
      continue;
    }
    const numberA = digitRun(a, i);
    const numberB = digitRun(b, j);
    const verdict = compareNumbers(numberA, numberB);
    if (verdict !== undefined) return verdict;
    i = numberA.end;
    j = numberB.end;
  }
  // identical so far (and aligned): the shorter one sorts first
  return a.length < b.length;
}

export const naturalCompare = (a: string, b: string): number => (naturalLess(a, b) ? -1 : naturalLess(b, a) ? 1 : 0);

const isDigit = (text: string, index: number): boolean => /[0-9]/.test(text.charAt(index));

interface DigitRun {
  /** Where the digits after the leading zeros start. */
  readonly significant: number;
  readonly end: number;
  readonly digits: string;
}

function digitRun(text: string, start: number): DigitRun {
  let significant = start;
  while (text.charAt(significant) === "0") significant++;
  let end = significant;
  while (isDigit(text, end)) end++;
  return { significant, end, digits: text.slice(significant, end) };
}

/** Shorter number first, then by digits, then fewer leading zeros; undefined when they are the same. */
function compareNumbers(a: DigitRun, b: DigitRun): boolean | undefined {
  if (a.digits.length !== b.digits.length) return a.digits.length < b.digits.length;
  if (a.digits !== b.digits) return a.digits < b.digits;
  if (a.significant !== b.significant) return a.significant < b.significant;
  return undefined;
}
