import type { CommandIO } from "../../command.js";

/**
 * A non-TTY container's output comes in frames: 1 byte stream (1 stdout, 2 stderr), 3 zero bytes,
 * a big-endian uint32 length, then the payload. Each frame goes to its stream, in order.
 */
export function writeFrames(buffer: Buffer, io: Pick<CommandIO, "stdout" | "stderr">): void {
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const stream = buffer[offset];
    const length = buffer.readUInt32BE(offset + 4);
    const payload = buffer.subarray(offset + 8, offset + 8 + length);
    (stream === 2 ? io.stderr : io.stdout).write(payload);
    offset += 8 + length;
  }
}
