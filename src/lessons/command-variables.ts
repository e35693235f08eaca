/**
 * `${{ name }}` inside a command line (`run:`, `shell:`): the value becomes literal text of the
 * word it stands in, quoted for the spot it is in, so that the tokenizer (or `sh`) reads it back
 * whole. A value never adds words, flags, comments or expansions: `--var port='80 -v /:/host'`
 * stays one argument (issue 17).
 */

const REFERENCE_AT = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/y;
/** Characters bash and the tokenizer read as themselves outside quotes (no `~`, `#`, `$`, globs, blanks). */
const PLAIN = /^[A-Za-z0-9_./:@%+=,-]+$/;

type Quoting = "none" | "single" | "double";

export function substituteInCommand(line: string, lookUp: (name: string) => string | undefined): string {
  let out = "";
  let quoting: Quoting = "none";
  let i = 0;
  while (i < line.length) {
    REFERENCE_AT.lastIndex = i;
    const reference = REFERENCE_AT.exec(line);
    if (reference) {
      const value = lookUp(reference[1] as string);
      out += value === undefined ? reference[0] : quoted(value, quoting);
      i += reference[0].length;
      continue;
    }
    const char = line.charAt(i);
    if (char === "\\" && quoting !== "single") {
      out += line.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (char === "'" && quoting !== "double") quoting = quoting === "single" ? "none" : "single";
    else if (char === '"' && quoting !== "single") quoting = quoting === "double" ? "none" : "double";
    out += char;
    i += 1;
  }
  return out;
}

function quoted(value: string, quoting: Quoting): string {
  if (quoting === "double") return value.replace(/[\\$`"]/g, "\\$&");
  if (quoting === "single") return value.replaceAll("'", "'\\''");
  return PLAIN.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}
