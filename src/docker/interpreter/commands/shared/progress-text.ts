import type { ProgressMessage } from "./json-lines.js";

/**
 * The text the docker CLI prints for one message when its output is not a terminal
 * (moby pkg/jsonmessage `Display` with isTerminal=false): byte-count updates and `aux` records are
 * skipped; `id: status` lines and build output (`stream`) are printed as they come.
 */
export function plainText(message: ProgressMessage): string | undefined {
  if (message.aux !== undefined) return undefined;
  if (countsBytes(message)) return undefined;
  const id = message.id ? `${message.id}: ` : "";
  if (message.stream !== undefined && message.stream !== "") return `${id}${message.stream}`;
  return `${id}${message.status ?? ""}\n`;
}

/** A "Downloading 3.6kB/300kB"-style update: a bar on a terminal, nothing elsewhere. */
export function countsBytes(message: ProgressMessage): boolean {
  const detail = message.progressDetail;
  return detail !== undefined && ((detail.current ?? 0) > 0 || (detail.total ?? 0) > 0);
}

export const isStdoutTty = (stream: NodeJS.WritableStream): boolean => (stream as { isTTY?: boolean }).isTTY === true;
