import type { CommandIO } from "../../command.js";
import { type EngineCall, pathPart } from "../../engine-call.js";
import type { EngineTransport } from "../../transport.js";
import { filtersJson } from "../shared/filters.js";
import { sendForJson, sendForNothing } from "../shared/send-call.js";

/** The label swarm puts on each task's container, valued with its service's ID. */
const SERVICE_ID_LABEL = "com.docker.swarm.service.id";

const taskContainersCall = (serviceId: string): EngineCall => ({
  method: "GET",
  path: "/containers/json",
  query: { filters: filtersJson({ label: [`${SERVICE_ID_LABEL}=${serviceId}`] }) },
  why: "find the removed service's task containers on this daemon",
});

const killCall = (id: string): EngineCall => ({
  method: "POST",
  path: `/containers/${pathPart(id)}/kill`,
  why: "stop a removed service's task at once, not after the 10-second stop grace",
});

/**
 * In a test run (CommandIO.killRemovedTasks), after a service is removed: its running task containers
 * on this daemon are killed at once. The swarm would stop them with SIGTERM and, for a process that
 * ignores it (`sleep` as PID 1), wait out the 10-second stop grace before killing them itself; the
 * run's next step (a network to remove, a check that the service is gone) waits for them meanwhile.
 * Only a service the run made (the predicate says which); a failure only leaves the swarm to do it.
 */
export async function killRemovedTasks(engine: EngineTransport, service: { id: string; name: string }, io: CommandIO): Promise<void> {
  if (!io.killRemovedTasks?.(service)) return;
  try {
    const containers = (await sendForJson(engine, taskContainersCall(service.id))) as { Id: string }[] | undefined;
    await Promise.all((containers ?? []).map((c) => sendForNothing(engine, killCall(c.Id)).catch(() => undefined)));
  } catch {
    // The swarm stops them anyway, only later.
  }
}
