/** Where each stream's frames go. */
interface Outputs {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

/**
 * A non-TTY container's output comes in frames: 1 byte stream (0 stdin, 1 stdout, 2 stderr), 3 zero
 * bytes, a big-endian uint32 length, then the payload. Each frame goes to its stream, in order, as the
 * CLI's stdcopy sends it (stderr to stderr, the rest to stdout). A frame may arrive in pieces, so an
 * unfinished one waits for the next chunk; a header that is no frame's means the output was never
 * framed, and from there on it is passed through to stdout as it is (as docker-modem's demuxStream does).
 */
export function frameSplitter(io: Outputs): { push(chunk: Buffer): void } {
  let pending: Buffer = Buffer.alloc(0);
  let raw = false;
  return {
    push(chunk) {
      if (raw) {
        io.stdout.write(chunk);
        return;
      }
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      while (pending.length >= 8) {
        const stream = pending[0] ?? 0;
        if (stream > 2) {
          raw = true;
          io.stdout.write(pending);
          pending = Buffer.alloc(0);
          return;
        }
        const length = pending.readUInt32BE(4);
        if (pending.length < 8 + length) return;
        (stream === 2 ? io.stderr : io.stdout).write(pending.subarray(8, 8 + length));
        pending = pending.subarray(8 + length);
      }
    },
  };
}

/** A whole framed body (`docker logs`). */
export const writeFrames = (buffer: Buffer, io: Outputs): void => frameSplitter(io).push(buffer);

/** A framed stream, written out as it comes (attach, exec). */
export function demuxFrames(stream: NodeJS.ReadableStream, io: Outputs): void {
  const frames = frameSplitter(io);
  stream.on("data", (chunk: Buffer) => frames.push(chunk));
}
