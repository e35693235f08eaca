/**
 * A pull's JSON-lines progress, printed as docker/cli `jsonmessage.DisplayJSONMessagesStream`
 * prints it when the output is not a terminal: one line per status, layer id first, and no
 * progress bars ("Downloading" and "Extracting" with a byte count are left out).
 */
export interface PullMessage {
  readonly status?: string;
  readonly id?: string;
  readonly stream?: string;
  readonly progressDetail?: { readonly current?: number; readonly total?: number };
  readonly error?: string;
  readonly errorDetail?: { readonly message?: string };
  readonly aux?: unknown;
}

/** The text to print for one message (maybe ""), or the failure it reports. */
export function renderPullMessage(message: PullMessage): { text: string } | { failure: string } {
  if (message.error !== undefined || message.errorDetail !== undefined) {
    return { failure: message.errorDetail?.message ?? message.error ?? "the pull failed" };
  }
  if (message.aux !== undefined || hasProgressBar(message)) return { text: "" };
  const prefix = message.id === undefined || message.id === "" ? "" : `${message.id}: `;
  if (message.stream !== undefined) return { text: `${prefix}${message.stream}` };
  return { text: `${prefix}${message.status ?? ""}\n` };
}

function hasProgressBar(message: PullMessage): boolean {
  const detail = message.progressDetail;
  return detail !== undefined && ((detail.current ?? 0) > 0 || (detail.total ?? 0) > 0);
}

/** Splits a growing text into complete lines; the rest waits for more (or for the end). */
export function takeLines(buffered: string): { lines: string[]; rest: string } {
  const parts = buffered.split("\n");
  const rest = parts.pop() ?? "";
  return { lines: parts.filter((line) => line.trim() !== ""), rest };
}

export function parsePullLine(line: string): PullMessage {
  try {
    return JSON.parse(line) as PullMessage;
  } catch {
    return { stream: `${line}\n` };
  }
}
