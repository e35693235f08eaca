import type { DockerEvent } from "./views.js";

/**
 * GET /events answers with one JSON object per line, and a chunk may end mid-line.
 * Feed chunks in; complete lines come out; the rest waits for the next chunk.
 */
export class LineSplitter {
  private pending = "";

  push(chunk: Buffer | string): string[] {
    this.pending += typeof chunk === "string" ? chunk : chunk.toString("utf8");
    const lines = this.pending.split("\n");
    this.pending = lines.pop() ?? "";
    return lines.filter((line) => line.trim() !== "");
  }

  /** What is left when the stream ends: a last line without its newline still counts. */
  flush(): string[] {
    const rest = this.pending.trim();
    this.pending = "";
    return rest === "" ? [] : [rest];
  }
}

interface RawEvent {
  Type?: unknown;
  Action?: unknown;
  Actor?: { ID?: unknown; Attributes?: Record<string, unknown> | null };
  time?: unknown;
  timeNano?: unknown;
}

/** One line of GET /events as our DockerEvent, or undefined for a line that is not an event. */
export function parseEventLine(line: string): DockerEvent | undefined {
  let raw: RawEvent;
  try {
    raw = JSON.parse(line) as RawEvent;
  } catch {
    return undefined;
  }
  if (typeof raw !== "object" || raw === null || typeof raw.Type !== "string" || typeof raw.Action !== "string") return undefined;
  const attributes = Object.fromEntries(Object.entries(raw.Actor?.Attributes ?? {}).map(([key, value]) => [key, String(value)]));
  // timeNano (~1.8e18) loses precision as a JS number, but not at millisecond scale.
  const timeMs = typeof raw.timeNano === "number" ? Math.floor(raw.timeNano / 1e6) : typeof raw.time === "number" ? raw.time * 1000 : 0;
  return { type: raw.Type, action: raw.Action, actorId: typeof raw.Actor?.ID === "string" ? raw.Actor.ID : "", attributes, timeMs };
}

/** The daemon takes `since` and `until` in seconds, fractions allowed. */
export const toEventSeconds = (time: Date): number => time.getTime() / 1000;

/**
 * Iterates the events in `stream` until it ends or `signal` aborts. Aborting destroys the
 * stream and ends the iteration without an error; any other stream failure is thrown.
 */
export async function* readEvents(openStream: () => Promise<NodeJS.ReadableStream>, signal: AbortSignal): AsyncGenerator<DockerEvent> {
  if (signal.aborted) return;
  const stream = await openStream();
  const stop = () => destroyStream(stream);
  signal.addEventListener("abort", stop, { once: true });
  if (signal.aborted) stop();
  const lines = new LineSplitter();
  try {
    for await (const chunk of stream) {
      for (const event of lines.push(chunk).map(parseEventLine)) if (event) yield event;
    }
    for (const event of lines.flush().map(parseEventLine)) if (event) yield event;
  } catch (error) {
    // A destroyed stream rejects with "Premature close" or "aborted": that is the abort we asked for.
    if (!signal.aborted) throw error;
  } finally {
    signal.removeEventListener("abort", stop);
    destroyStream(stream);
  }
}

function destroyStream(stream: NodeJS.ReadableStream): void {
  if ("destroy" in stream && typeof stream.destroy === "function") stream.destroy();
}
