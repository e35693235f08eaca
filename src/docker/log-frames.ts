/**
 * A non-TTY container's logs come multiplexed: each frame is an 8-byte header
 * (stream type, 3 zero bytes, big-endian length) and then the payload. TTY logs are raw.
 */
export function demuxLogs(buffer: Buffer): { stdout: string; stderr: string } {
  if (!looksMultiplexed(buffer)) return { stdout: buffer.toString("utf8"), stderr: "" };
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const stream = buffer[offset];
    const length = buffer.readUInt32BE(offset + 4);
    const payload = buffer.subarray(offset + 8, offset + 8 + length);
    (stream === 2 ? err : out).push(payload);
    offset += 8 + length;
  }
  return { stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") };
}

function looksMultiplexed(buffer: Buffer): boolean {
  if (buffer.length < 8) return false;
  const stream = buffer[0] ?? 255;
  return stream <= 2 && buffer[1] === 0 && buffer[2] === 0 && buffer[3] === 0;
}

/**
 * stdout and stderr in the order the container wrote them, as `docker logs` prints them.
 * We know from inspect whether the container has a TTY, so nothing is guessed here.
 */
export function interleavedOutput(buffer: Buffer, tty: boolean): string {
  if (tty) return buffer.toString("utf8");
  const payloads: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const length = buffer.readUInt32BE(offset + 4);
    payloads.push(buffer.subarray(offset + 8, offset + 8 + length));
    offset += 8 + length;
  }
  return Buffer.concat(payloads).toString("utf8");
}
