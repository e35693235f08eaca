import type { DockerEvent } from "../docker/views.js";

/** A step that runs for hours keeps only its newest events; a check of what the learner did looks at the recent ones. */
const MAX_EVENTS = 5000;

const keyOf = (e: DockerEvent): string =>
  [e.timeMs, e.type, e.action, e.actorId, e.attributes.execID ?? "", e.attributes.container ?? ""].join("|");

/**
 * The daemon's events of the step being shown, from the moment it began: the live stream the
 * lesson follows, plus what the daemon still remembered from before the stream opened (a resumed
 * lesson). The same event arriving from both is kept once.
 */
export class StepEventLog {
  private startMs = Number.POSITIVE_INFINITY;
  private readonly events = new Map<string, DockerEvent>();

  /** A new step began at `start` (the daemon's clock): what came before is no longer its. */
  open(start: Date): void {
    this.startMs = start.getTime();
    for (const [key, event] of this.events) if (event.timeMs < this.startMs) this.events.delete(key);
  }

  add(event: DockerEvent): void {
    if (event.timeMs < this.startMs) return;
    this.events.set(keyOf(event), event);
    if (this.events.size > MAX_EVENTS) this.events.delete(this.events.keys().next().value ?? "");
  }

  /** Oldest first. */
  all(): DockerEvent[] {
    return [...this.events.values()].sort((a, b) => a.timeMs - b.timeMs);
  }
}

/** Events from several sources (recorded evidence, the daemon's history), each once, oldest first. */
export function mergeEvents(...sources: readonly (readonly DockerEvent[])[]): DockerEvent[] {
  const merged = new Map<string, DockerEvent>();
  for (const events of sources) for (const event of events) merged.set(keyOf(event), event);
  return [...merged.values()].sort((a, b) => a.timeMs - b.timeMs);
}
