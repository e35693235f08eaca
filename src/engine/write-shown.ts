/**
 * A solution's `write:` as the learner would type it in their own shell, content included: a file
 * the tutor writes for them is never hidden behind its name (issue 17).
 */
export function writeShown(path: string, content: string): string {
  const body = content.endsWith("\n") ? content : `${content}\n`;
  const marker = body.split("\n").includes("EOF") ? "END_OF_FILE" : "EOF";
  return `cat > ${shellWord(path)} <<'${marker}'\n${body}${marker}`;
}

const shellWord = (word: string): string => (/^[\w./@%+=:,-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`);
