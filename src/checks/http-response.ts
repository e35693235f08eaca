import type { HttpAnswer } from "./check.js";
import { HTTP_BODY_LIMIT } from "./http-get.js";

/**
 * A raw HTTP/1.x answer as `nc` prints it → status and body; undefined when it is no HTTP answer
 * (nothing, or a program's error). A chunked body is put back together. Pure.
 */
export function parseHttpResponse(raw: string): HttpAnswer | undefined {
  const status = /^HTTP\/\d(?:\.\d)? (\d{3})/.exec(raw);
  if (!status) return undefined;
  const headerEnd = raw.search(/\r?\n\r?\n/);
  const head = headerEnd < 0 ? raw : raw.slice(0, headerEnd);
  const body = headerEnd < 0 ? "" : raw.slice(headerEnd).replace(/^\r?\n\r?\n/, "");
  const chunked = /^transfer-encoding:\s*chunked\s*$/im.test(head);
  return { status: Number(status[1]), body: (chunked ? unchunk(body) : body).slice(0, HTTP_BODY_LIMIT) };
}

/** `Transfer-Encoding: chunked`: size line (hex), data, CRLF, … until a size of 0. */
function unchunk(body: string): string {
  let rest = body;
  let out = "";
  for (;;) {
    const line = /^([0-9a-fA-F]+)[^\r\n]*\r?\n/.exec(rest);
    if (!line) return out + rest;
    const size = Number.parseInt(line[1] as string, 16);
    if (size === 0) return out;
    rest = rest.slice(line[0].length);
    out += rest.slice(0, size);
    rest = rest.slice(size).replace(/^\r?\n/, "");
  }
}
