import { Transform } from "node:stream";
import cliProgress from "cli-progress";
import { humanSize } from "../docker/interpreter/format/human-units.js";

/** Bytes moved so far, shown as they move; `finish` (once or more) leaves the final state on screen. */
export interface ByteProgress {
  add(bytes: number): void;
  finish(): void;
}

/**
 * Bars only on a terminal that takes colour and cursor moves: not when stdout is a file or a pipe,
 * not under NO_COLOR or --no-color, not in CI (its logs keep every redraw as a line).
 */
export function wantsBars(out: NodeJS.WritableStream, color: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  const ci = env.CI !== undefined && env.CI !== "" && env.CI !== "false";
  return (out as { isTTY?: boolean }).isTTY === true && color && !ci;
}

/**
 * One bar of bytes (cli-progress, as the pull's layer bars are drawn): `label` first, the amount
 * after it. `total` may be an estimate: the bar grows its total when more comes, and fills at the end.
 */
export function byteBar(out: NodeJS.WritableStream, label: string, total: number): ByteProgress {
  const bar = new cliProgress.SingleBar(
    { stream: out, format: "{label} {bar} {amount}", barsize: 30, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  let done = 0;
  let expected = Math.max(total, 1);
  let finished = false;
  const payload = () => ({ label, amount: total > 0 ? `${humanSize(done)}/${humanSize(expected)}` : humanSize(done) });
  bar.start(expected, 0, payload());
  return {
    add(bytes) {
      done += bytes;
      if (done > expected) {
        expected = done;
        bar.setTotal(expected);
      }
      bar.update(done, payload());
    },
    finish() {
      if (finished) return;
      finished = true;
      bar.setTotal(Math.max(done, 1));
      bar.update(Math.max(done, 1), { label, amount: humanSize(done) });
      bar.stop();
    },
  };
}

/** No drawing: the command prints its own line per image and a last line with the total. */
export const noBar: ByteProgress = { add() {}, finish() {} };

/** Passes the bytes on unchanged, counting each chunk into `progress` as it goes by. */
export function counting(progress: ByteProgress): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      progress.add(chunk.length);
      done(null, chunk);
    },
  });
}
