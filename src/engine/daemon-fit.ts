import { type DaemonKind, noSwarmMode, SWARM_ELSEWHERE } from "../docker/daemon-kind.js";
import type { Lesson } from "../lessons/schema.js";

/** Why this daemon cannot run the lesson at all, in one sentence and its fix; undefined when it can. */
export function lessonMisfit(lesson: Lesson, kind: DaemonKind): { readonly why: string; readonly fix: string } | undefined {
  const swarmless = lesson.requires.swarm ? noSwarmMode(kind) : undefined;
  if (swarmless) return { why: `Lesson ${lesson.number} needs swarm mode, and ${swarmless}.`, fix: SWARM_ELSEWHERE };
  return undefined;
}
