import { StringDecoder } from "node:string_decoder";

/**
 * C0 and C1 control characters but tab and line feed, and DEL. A carriage return goes too: after
 * it, `\e[2K` or plain text can hide what was printed before on the same line (issue 17, item 5).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Text that came from outside (a container's output, a page, a daemon's message) as it may reach the
 * learner's terminal: without the characters that start escape sequences (retitle the window, write
 * the clipboard, move the cursor), so it can only ever print. A `\r\n` line end stays a line end.
 */
export function terminalSafe(text: string): string {
  return text.replace(/\r\n/g, "\n").replace(CONTROLS, "");
}

const RAW = Symbol("the terminal under a terminal-safe stream");

/**
 * `out`, except that what is written to it is terminal-safe text. Bytes are decoded as UTF-8 across
 * chunk boundaries, so a lone 8-bit C1 byte (0x9b, a CSI to some terminals) becomes U+FFFD. `isTTY`
 * and `columns` are `out`'s; what draws on purpose (progress bars) takes `drawingStream` of it.
 */
export function terminalSafeStream<S extends NodeJS.WritableStream>(out: S): S {
  if ((out as { [RAW]?: unknown })[RAW] !== undefined) return out;
  const decoder = new StringDecoder("utf8");
  return new Proxy(out, {
    get(target, property) {
      if (property === RAW) return target;
      if (property === "write") {
        return (chunk: string | Uint8Array, ...rest: unknown[]) => {
          const text = typeof chunk === "string" ? chunk : decoder.write(Buffer.from(chunk));
          return (target.write as (...args: unknown[]) => boolean)(terminalSafe(text), ...rest);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** The stream to draw on (cursor moves of progress bars): the terminal under a terminal-safe stream, else `out` itself. */
export function drawingStream(out: NodeJS.WritableStream): NodeJS.WritableStream {
  return (out as { [RAW]?: NodeJS.WritableStream })[RAW] ?? out;
}
