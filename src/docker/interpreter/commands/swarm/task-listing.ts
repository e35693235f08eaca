import { type CommandIO, isRefusal, nowOf, type Refusal } from "../../command.js";
import { boolFlag, listFlag, type ParsedFlags } from "../../flags.js";
import type { EngineTransport } from "../../transport.js";
import { type Filters, parseFilters } from "../shared/filters.js";
import { sendForJson } from "../shared/send-call.js";
import { type SwarmService, type SwarmTask, serviceInspectCall } from "./service-calls.js";
import { taskIds, tasksTable } from "./service-table.js";
import { nodeInspectCall, type SwarmNode } from "./swarm-calls.js";

/** `docker service ps` and `docker stack ps` read the same flags. */
export const TASK_LIST_FLAGS = [
  { long: "quiet", short: "q", kind: "bool" },
  { long: "no-trunc", kind: "bool" },
  { long: "filter", short: "f", kind: "list" },
] as const;

export interface TaskListOptions {
  readonly quiet: boolean;
  readonly noTrunc: boolean;
  readonly filters: Filters;
}

export function taskListOptions(flags: Readonly<ParsedFlags>): TaskListOptions | Refusal {
  const filters = parseFilters(listFlag(flags, "filter"));
  if (isRefusal(filters)) return filters;
  return { quiet: boolFlag(flags, "quiet") === true, noTrunc: boolFlag(flags, "no-trunc") === true, filters };
}

/** Prints tasks as `docker service ps` does, reading each task's service name and node hostname once. */
export async function printTasks(
  engine: EngineTransport,
  tasks: readonly SwarmTask[],
  options: { quiet: boolean; noTrunc: boolean },
  io: CommandIO,
): Promise<void> {
  const serviceNames = new Map<string, string>();
  for (const id of new Set(tasks.map((t) => t.ServiceID))) {
    const service = (await sendForJson(engine, serviceInspectCall(id, "read the service's name"))) as SwarmService;
    serviceNames.set(id, service.Spec.Name);
  }
  const serviceName = (task: SwarmTask) => serviceNames.get(task.ServiceID) ?? task.ServiceID;
  if (options.quiet) {
    io.stdout.write(taskIds(tasks, serviceName, options.noTrunc));
    return;
  }
  const hostnames = new Map<string, string>();
  for (const id of new Set(tasks.flatMap((t) => (t.NodeID ? [t.NodeID] : [])))) {
    try {
      const node = (await sendForJson(engine, nodeInspectCall(id, "read the node's hostname"))) as SwarmNode;
      hostnames.set(id, node.Description?.Hostname ?? id);
    } catch {
      hostnames.set(id, id);
    }
  }
  io.stdout.write(
    tasksTable(
      tasks,
      { service: serviceName, node: (t) => (t.NodeID ? (hostnames.get(t.NodeID) ?? t.NodeID) : "") },
      { ...options, nowMs: nowOf(io) },
    ),
  );
}
