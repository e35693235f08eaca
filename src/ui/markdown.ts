import { Lexer, type Token, type Tokens } from "marked";
import type { Theme } from "./theme.js";
import { glueSpaces, hanging, type Indent, NO_INDENT, visibleWidth, wrapBlock } from "./wrap.js";

/** Code spans up to this long stay on one line; longer ones may wrap at their spaces. */
const GLUED_CODE = 24;

/**
 * Lesson Markdown as terminal lines of at most `width` columns: paragraphs and list items wrap at
 * word boundaries with their indent kept, code spans are styled (never shown with backticks), an
 * autolink is its address, a code block keeps its lines (cut only when longer than the screen).
 * marked's lexer reads the Markdown; the layout is ours, so every line can be wrapped to the width.
 */
export function markdownLines(markdown: string, width: number, theme: Theme, indent: Indent = NO_INDENT): string[] {
  const blocks = new Lexer().lex(markdown).filter((token) => token.type !== "space");
  return blocks.flatMap((token, i) => {
    const lines = blockLines(token, width, theme, i === 0 ? indent : { first: indent.rest, rest: indent.rest });
    return i === 0 ? lines : ["", ...lines];
  });
}

/** A line of the tutor's own (a check result, a warning): code spans styled, nothing else read as Markdown. */
export function sentenceText(text: string, theme: Theme): string {
  return text.replace(/`([^`]+)`/g, (_, code: string) => codeSpan(code, theme));
}

function blockLines(token: Token, width: number, t: Theme, indent: Indent): string[] {
  switch (token.type) {
    case "paragraph":
    case "text":
      return wrapBlock(inline((token as Tokens.Paragraph).tokens ?? [], t) || token.raw, width, indent);
    case "heading":
      return wrapBlock(t.bold(inline((token as Tokens.Heading).tokens, t)), width, indent);
    case "list":
      return listLines(token as Tokens.List, width, t, indent);
    case "code":
      return (token as Tokens.Code).text
        .split("\n")
        .flatMap((line, i) =>
          wrapBlock(t.code(line), width, { first: i === 0 ? `${indent.first}  ` : `${indent.rest}  `, rest: `${indent.rest}      ` }),
        );
    case "blockquote":
      return (token as Tokens.Blockquote).tokens.flatMap((inner) =>
        blockLines(inner, width, t, { first: `${indent.first}${t.dim("│")} `, rest: `${indent.rest}${t.dim("│")} ` }),
      );
    case "hr":
      return [`${indent.first}${t.dim("─".repeat(Math.min(width - visibleWidth(indent.first), 40)))}`];
    default:
      return wrapBlock(token.raw.trim(), width, indent);
  }
}

function listLines(list: Tokens.List, width: number, t: Theme, indent: Indent): string[] {
  const start = typeof list.start === "number" ? list.start : 1;
  return list.items.flatMap((item, n) => {
    const bullet = list.ordered ? `${start + n}. ` : "- ";
    const itemIndent = hanging(`${n === 0 ? indent.first : indent.rest}${bullet}`);
    const mark = { first: itemIndent.first, rest: `${indent.rest}${" ".repeat(bullet.length)}` };
    const blocks = item.tokens.filter((token) => token.type !== "space");
    const lines = blocks.flatMap((token, i) => {
      const inner = blockLines(token, width, t, i === 0 ? mark : { first: mark.rest, rest: mark.rest });
      return i > 0 && item.loose ? ["", ...inner] : inner;
    });
    return n > 0 && list.loose ? ["", ...lines] : lines;
  });
}

function inline(tokens: readonly Token[], t: Theme): string {
  return tokens.map((token) => inlineToken(token, t)).join("");
}

function inlineToken(token: Token, t: Theme): string {
  switch (token.type) {
    case "codespan":
      return codeSpan((token as Tokens.Codespan).text, t);
    case "strong":
      return t.bold(inline((token as Tokens.Strong).tokens, t));
    case "em":
      return t.italic(inline((token as Tokens.Em).tokens, t));
    case "link": {
      const link = token as Tokens.Link;
      const text = inline(link.tokens, t);
      // An autolink (<http://…>) is its address; a named link shows where it goes.
      return link.text === link.href || link.href === `mailto:${link.text}` ? link.text : `${text} (${link.href})`;
    }
    case "br":
      return "\n";
    case "text":
      return "tokens" in token && token.tokens ? inline(token.tokens, t) : softBreaks(token.text);
    case "escape":
    case "html":
    case "del":
    case "image":
      return softBreaks("text" in token ? String(token.text) : token.raw);
    default:
      return softBreaks(token.raw);
  }
}

/** A line break inside a paragraph is a space: the text is wrapped again to the screen. */
const softBreaks = (text: string) => text.replace(/\s*\n\s*/g, " ");

function codeSpan(code: string, t: Theme): string {
  return t.code(code.length <= GLUED_CODE ? glueSpaces(code) : code);
}
