/**
 * Go's `json.Indent(dst, src, "", indent)` on the daemon's own bytes, which is how `docker inspect`
 * prints: key order and escapes (`\u003c` for "<") stay exactly as the daemon wrote them, and an
 * empty object or array stays `{}` / `[]`.
 */
export function indentJson(raw: string, indent = "    "): string {
  let out = "";
  let depth = 0;
  let inString = false;
  let escaped = false;
  let pendingOpen = false;
  const newline = () => `\n${indent.repeat(depth)}`;
  for (const char of raw) {
    if (inString) {
      out += char;
      if (escaped) escaped = false;
      else if (char === "\\") escaped = true;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === " " || char === "\t" || char === "\n" || char === "\r") continue;
    const closing = char === "}" || char === "]";
    if (pendingOpen && !closing) {
      depth++;
      out += newline();
    }
    if (closing) {
      if (!pendingOpen) {
        depth--;
        out += newline();
      }
    }
    pendingOpen = char === "{" || char === "[";
    if (char === '"') inString = true;
    out += char === ":" ? ": " : char;
    if (char === ",") out += newline();
  }
  return out;
}
