import { stripVTControlCharacters } from "node:util";
import wrapAnsi from "wrap-ansi";

/** What starts a block's first line (a mark, a bullet, `Hint 1/2: `) and each line after it. */
export interface Indent {
  readonly first: string;
  readonly rest: string;
}

export const NO_INDENT: Indent = { first: "", rest: "" };

/** An indent of spaces only, as wide as `first`: the lines below a mark line up with its text. */
export const hanging = (first: string, extra = ""): Indent => ({ first, rest: `${" ".repeat(visibleWidth(first))}${extra}` });

/** Marks that wrap-ansi leaves alone (not whitespace, so never trimmed; one column wide), swapped back after wrapping. */
const GLUE = "\ue000";
const PLACEHOLDER = "\ue001";

/** Columns a string takes on screen: its colours take none. The marks we print are one column each. */
export function visibleWidth(text: string): number {
  return [...stripVTControlCharacters(text)].length;
}

/** A short code span is kept on one line: `docker image ls` is read as one thing. */
export function glueSpaces(text: string): string {
  return text.replace(/ /g, GLUE);
}

/**
 * Wraps styled text at word boundaries into lines of at most `width` columns, indent included; a
 * word longer than a line is cut (hard wrap) rather than left for the terminal to cut.
 */
export function wrapBlock(text: string, width: number, indent: Indent = NO_INDENT): string[] {
  const first = visibleWidth(indent.first);
  const rest = visibleWidth(indent.rest);
  const room = Math.max(width - rest, 8);
  // The first line has less room when its indent is wider: a placeholder, glued to the first word, takes the difference.
  const lead = first > rest ? PLACEHOLDER.repeat(Math.min(first - rest, room - 1)) : "";
  const wrapped = wrapAnsi(`${lead}${text}`, room, { hard: true, trim: true }).split("\n");
  return wrapped.map((line, i) => {
    const clean = line.replaceAll(PLACEHOLDER, "").replaceAll(GLUE, " ");
    return `${i === 0 ? indent.first : indent.rest}${clean}`;
  });
}
