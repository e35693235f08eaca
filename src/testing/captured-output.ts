import { Writable } from "node:stream";

/** A stream that keeps what a solution printed, for the last lines of a failure. */
export function captured() {
  let text = "";
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, tail: () => text.trim().split("\n").slice(-3).join(" / ") };
}
