/** A tar block: headers and contents are padded to it. */
const BLOCK = 512;

/**
 * The content of the first regular file in a tar archive (what the daemon's archive endpoint
 * answers for one file), or undefined when it holds none (a directory). Long-name and pax
 * headers before it are skipped; see POSIX pax, "ustar Interchange Format".
 */
export function firstFileOf(tar: Buffer): Buffer | undefined {
  let at = 0;
  while (at + BLOCK <= tar.length) {
    const header = tar.subarray(at, at + BLOCK);
    if (header.every((byte) => byte === 0)) return undefined;
    const size = Number.parseInt(header.subarray(124, 136).toString("latin1").replace(/\0.*$/s, "").trim() || "0", 8);
    const type = String.fromCharCode(header[156] ?? 0);
    const body = at + BLOCK;
    if (type === "0" || type === "\0") return tar.subarray(body, body + size);
    at = body + Math.ceil(size / BLOCK) * BLOCK;
  }
  return undefined;
}
