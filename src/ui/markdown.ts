/** Lesson text (Markdown) for the terminal. marked-terminal is heavy, so it loads only when a lesson shows text. */
export async function createMarkdownRenderer(width: number, color: boolean): Promise<(markdown: string) => string> {
  const [{ Marked }, { markedTerminal }] = await Promise.all([import("marked"), import("marked-terminal")]);
  const options = { width: Math.min(width, 100), reflowText: true, showSectionPrefix: false, tab: 2, emoji: false };
  const plain = (s: string) => s;
  const marked = new Marked(
    markedTerminal(
      color
        ? options
        : {
            ...options,
            code: plain,
            blockquote: plain,
            html: plain,
            heading: plain,
            firstHeading: plain,
            hr: plain,
            listitem: plain,
            table: plain,
            paragraph: plain,
            strong: plain,
            em: plain,
            codespan: (s: string) => `\`${s}\``,
            del: plain,
            link: plain,
            href: plain,
          },
    ),
  );
  return (markdown) => (marked.parse(markdown) as string).replace(/\n+$/, "\n");
}
