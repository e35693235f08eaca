/**
 * What the learner did, read from the daemon's events: the execs they ran in containers, the
 * containers they started or stopped, the networks they plugged containers into or out of. Pure:
 * events in, actions out; the tutor's own probes are already gone from the events (tutor-execs.ts).
 */
import type { DockerEvent } from "../docker/views.js";

export type ActionKind = "exec" | "start" | "stop" | "restart" | "connect" | "disconnect";

export interface ExecAction {
  readonly kind: "exec";
  readonly containerId: string;
  readonly execId: string;
  /** The command as the daemon reports it: words joined by spaces. */
  readonly command: string;
  readonly words: readonly string[];
  /** From the matching `exec_die`; undefined while it still runs. */
  readonly exitCode: number | undefined;
  readonly timeMs: number;
}

export interface ContainerAction {
  readonly kind: "start" | "stop" | "restart";
  readonly containerId: string;
  readonly timeMs: number;
}

export interface NetworkAction {
  readonly kind: "connect" | "disconnect";
  readonly containerId: string;
  readonly networkId: string;
  readonly networkName: string;
  readonly timeMs: number;
}

export type LearnerAction = ExecAction | ContainerAction | NetworkAction;

/** `exec_start: ls /hello.txt` (Docker Engine); a bare `exec_start` says no command. */
const EXEC_START = /^exec_start(?::\s?(.*))?$/;
const CONTAINER_ACTIONS = new Set(["start", "stop", "restart"]);

/** The actions in `events`, in their order. An exec is known by its start; its die adds the exit code. */
export function learnerActions(events: readonly DockerEvent[]): LearnerAction[] {
  const exitCodes = new Map<string, number>();
  for (const event of events) {
    const execId = event.attributes.execID;
    const exitCode = Number(event.attributes.exitCode);
    if (event.type === "container" && event.action === "exec_die" && execId && Number.isInteger(exitCode)) exitCodes.set(execId, exitCode);
  }
  const actions: LearnerAction[] = [];
  for (const event of events) {
    const { type, action, actorId, attributes, timeMs } = event;
    const execStart = type === "container" ? EXEC_START.exec(action) : null;
    if (execStart) {
      const command = (execStart[1] ?? "").trim();
      const execId = attributes.execID ?? "";
      actions.push({
        kind: "exec",
        containerId: actorId,
        execId,
        command,
        words: command === "" ? [] : command.split(/\s+/),
        exitCode: exitCodes.get(execId),
        timeMs,
      });
    } else if (type === "container" && CONTAINER_ACTIONS.has(action)) {
      actions.push({ kind: action as ContainerAction["kind"], containerId: actorId, timeMs });
    } else if (type === "network" && (action === "connect" || action === "disconnect") && attributes.container) {
      actions.push({ kind: action, containerId: attributes.container, networkId: actorId, networkName: attributes.name ?? "", timeMs });
    }
  }
  return actions;
}

/** `/bin/ping` and `ping` are the same program. */
export const programOf = (exec: ExecAction): string => (exec.words[0] ?? "").split("/").pop() ?? "";

/**
 * Which events are worth keeping as evidence of what the learner did (progress keeps them when a
 * step passes, so that `check` can grade it after the daemon has forgotten them).
 */
export function isActionEvent(event: DockerEvent): boolean {
  if (event.type === "network") return event.action === "connect" || event.action === "disconnect";
  return (
    event.type === "container" && (EXEC_START.test(event.action) || event.action === "exec_die" || CONTAINER_ACTIONS.has(event.action))
  );
}
