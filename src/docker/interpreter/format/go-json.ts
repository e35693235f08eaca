/**
 * JSON the way the docker CLI (Go's encoding/json) writes it, so what is sent and printed matches byte for byte.
 */

/** json.Marshal, as the CLI encodes query values (filters, build args): `<`, `>`, `&` and U+2028/9 escaped. */
export function marshalJson(value: unknown): string {
  return (JSON.stringify(value) ?? "null")
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * The templates' `json` function (docker/cli templates.go): an encoder with SetEscapeHTML(false), so "<"
 * stays "<"; Go still escapes U+2028 and U+2029.
 */
export function templateJson(value: unknown): string {
  return (JSON.stringify(value) ?? "null").replace(/[\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16)}`);
}

/**
 * json.Indent(dst, raw, "", indent), which is how `docker inspect` prints: it re-lays the daemon's own
 * text without parsing it, so key order, number spelling and escapes (`\u003c` for "<") survive, and
 * `{}` and `[]` stay on one line.
 */
export function indentJson(raw: string, indent = "    "): string {
  const text = compactJson(raw);
  let out = "";
  let depth = 0;
  const newline = () => `\n${indent.repeat(depth)}`;
  for (let index = 0; index < text.length; index++) {
    const char = text.charAt(index);
    const empty = (char === "{" && text.charAt(index + 1) === "}") || (char === "[" && text.charAt(index + 1) === "]");
    if (char === '"') {
      const end = stringEnd(text, index);
      out += text.slice(index, end);
      index = end - 1;
    } else if (empty) {
      out += text.slice(index, index + 2);
      index++;
    } else if (char === "{" || char === "[") {
      depth++;
      out += char + newline();
    } else if (char === "}" || char === "]") {
      depth--;
      out += newline() + char;
    } else if (char === ",") out += `,${newline()}`;
    else if (char === ":") out += ": ";
    else out += char;
  }
  return out;
}

/** json.Compact: the same text with the whitespace between tokens removed. */
export function compactJson(raw: string): string {
  let out = "";
  for (let index = 0; index < raw.length; index++) {
    const char = raw.charAt(index);
    if (char === '"') {
      const end = stringEnd(raw, index);
      out += raw.slice(index, end);
      index = end - 1;
    } else if (!/\s/.test(char)) out += char;
  }
  return out;
}

/** The index just past the string literal that opens at `start`. */
function stringEnd(raw: string, start: number): number {
  let index = start + 1;
  while (index < raw.length && raw.charAt(index) !== '"') index += raw.charAt(index) === "\\" ? 2 : 1;
  return index + 1;
}
