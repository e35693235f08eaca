import { humanDuration, shortId } from "../../format/human-units.js";
import { formatTable } from "../../format/table.js";
import { naturalCompare } from "../shared/natural-order.js";
import type { PortView, SwarmService, SwarmTask } from "./service-calls.js";
import { displayImage } from "./service-spec.js";

const capitalize = (word: string): string => (word ? `${word[0]?.toUpperCase()}${word.slice(1)}` : "");

/** MODE and REPLICAS as `docker service ls` shows them. */
function modeAndReplicas(service: SwarmService): [string, string] {
  const mode = service.Spec.Mode?.Global ? "global" : "replicated";
  const status = service.ServiceStatus;
  return [mode, `${status?.RunningTasks ?? 0}/${status?.DesiredTasks ?? 0}`];
}

/** Ingress ports only: a host-mode port belongs to each task, not to the service. */
function servicePorts(service: SwarmService): string {
  return (service.Endpoint?.Ports ?? [])
    .filter((port) => port.PublishMode === "ingress")
    .map((port) => `*:${port.PublishedPort}->${port.TargetPort}/${port.Protocol}`)
    .join(", ");
}

/** `-q`: short ids, in the table's order. */
export const serviceIdLines = (services: readonly SwarmService[]): string =>
  [...services]
    .sort((a, b) => naturalCompare(a.Spec.Name, b.Spec.Name))
    .map((service) => `${shortId(service.ID)}\n`)
    .join("");

/** `docker service ls` / `docker stack services`: sorted by name. */
export function servicesTable(services: readonly SwarmService[]): string {
  const sorted = [...services].sort((a, b) => naturalCompare(a.Spec.Name, b.Spec.Name));
  return formatTable(
    ["ID", "NAME", "MODE", "REPLICAS", "IMAGE", "PORTS"],
    sorted.map((service) => [
      shortId(service.ID),
      service.Spec.Name,
      ...modeAndReplicas(service),
      displayImage(service.Spec.TaskTemplate.ContainerSpec?.Image ?? ""),
      servicePorts(service),
    ]),
  );
}

const taskPorts = (ports: readonly PortView[] | undefined): string =>
  (ports ?? []).map((port) => `*:${port.PublishedPort}->${port.TargetPort}/${port.Protocol}`).join(",");

/** A task's name: `web.1` for a replica, `web.<node id>` for a global service's task. */
export const taskName = (serviceName: string, task: SwarmTask): string =>
  `${serviceName}.${task.Slot && task.Slot > 0 ? task.Slot : (task.NodeID ?? "")}`;

const MAX_ERROR = 30;

/**
 * `docker service ps` / `docker stack ps`: tasks by name, the newest first within a slot, older
 * ones marked ` \_ ` (they are the history the swarm keeps, e.g. replaced by an update).
 */
export function tasksTable(
  tasks: readonly SwarmTask[],
  names: { service: (task: SwarmTask) => string; node: (task: SwarmTask) => string },
  options: { noTrunc: boolean; nowMs: number },
): string {
  const named = tasks.map((task) => ({ task, name: taskName(names.service(task), task) }));
  named.sort((a, b) => naturalCompare(a.name, b.name) || Date.parse(b.task.CreatedAt) - Date.parse(a.task.CreatedAt));
  const rows = named.map(({ task, name }, index) => {
    const error = task.Status.Err ? `"${task.Status.Err}"` : "";
    return [
      options.noTrunc ? task.ID : shortId(task.ID),
      index > 0 && named[index - 1]?.name === name ? ` \\_ ${name}` : name,
      options.noTrunc ? (task.Spec?.ContainerSpec?.Image ?? "") : displayImage(task.Spec?.ContainerSpec?.Image ?? ""),
      names.node(task),
      capitalize(task.DesiredState),
      `${capitalize(task.Status.State)} ${humanDuration(options.nowMs - Date.parse(task.Status.Timestamp))} ago`,
      !options.noTrunc && error.length > MAX_ERROR ? `${error.slice(0, MAX_ERROR - 1)}…` : error,
      taskPorts(task.Status.PortStatus?.Ports),
    ];
  });
  return formatTable(["ID", "NAME", "IMAGE", "NODE", "DESIRED STATE", "CURRENT STATE", "ERROR", "PORTS"], rows);
}

/** Sorted ids for -q: the same order as the table. */
export function taskIds(tasks: readonly SwarmTask[], serviceName: (task: SwarmTask) => string, noTrunc: boolean): string {
  return [...tasks]
    .map((task) => ({ task, name: taskName(serviceName(task), task) }))
    .sort((a, b) => naturalCompare(a.name, b.name) || Date.parse(b.task.CreatedAt) - Date.parse(a.task.CreatedAt))
    .map(({ task }) => `${noTrunc ? task.ID : shortId(task.ID)}\n`)
    .join("");
}
