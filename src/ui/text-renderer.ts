import { markdownLines, sentenceText } from "./markdown.js";
import type { Theme } from "./theme.js";
import { type Indent, NO_INDENT, wrapBlock } from "./wrap.js";

/** Text is easier to read in lines no longer than this, however wide the terminal. */
const MAX_TEXT_COLUMNS = 100;

/**
 * Everything the lesson prints goes through here, so all of it wraps at word boundaries to the
 * terminal as it is now (its width is read at each print: the learner may resize the window).
 * Each method returns whole lines, each ending in a newline.
 */
export interface TextRenderer {
  readonly theme: Theme;
  /** The columns a line may take now. */
  width(): number;
  /** Markdown a lesson's author wrote: a step's text, a hint, a question, a choice, an explanation. */
  markdown(text: string, indent?: Indent): string;
  /** A sentence of the tutor's own (a check result, a warning): `code` spans styled, wrapped. */
  sentence(text: string, indent?: Indent): string;
  /** A command to type, as written: wrapped at its spaces, the lines after the first indented deeper. */
  command(text: string, indent: Indent): string;
}

export function createTextRenderer(columns: () => number | undefined, theme: Theme): TextRenderer {
  // One column is left free: some terminals (Windows' console) wrap a line that fills the last column.
  const width = () => Math.max(Math.min((columns() || 80) - 1, MAX_TEXT_COLUMNS), 20);
  const lines = (list: readonly string[]) => list.map((line) => `${line.trimEnd()}\n`).join("");
  return {
    theme,
    width,
    markdown: (text, indent = NO_INDENT) => lines(markdownLines(text, width(), theme, indent)),
    sentence: (text, indent = NO_INDENT) =>
      lines(
        text
          .split("\n")
          .flatMap((line, i) => wrapBlock(sentenceText(line, theme), width(), i === 0 ? indent : { ...indent, first: indent.rest })),
      ),
    command: (text, indent) => lines(wrapBlock(theme.code(text), width(), indent)),
  };
}
