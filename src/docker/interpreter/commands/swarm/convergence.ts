import type { CommandIO } from "../../command.js";
import type { EngineTransport } from "../../transport.js";
import { sendForJson } from "../shared/send-call.js";
import { type SwarmService, type SwarmTask, serviceInspectCall, tasksCall } from "./service-calls.js";

/** How long tasks must stay running before the CLI calls a service converged (UpdateConfig.Monitor's default). */
export const MONITOR_MS = 5000;
/** The docker CLI waits for ever; a tutor cannot, so it gives up after this and says where to look. */
export const GIVE_UP_MS = 120_000;

const ACTIVE = new Set(["new", "pending", "assigned", "accepted", "preparing", "ready", "starting", "running"]);

/** Running and wanted tasks of the service's current spec. */
export function progressOf(service: SwarmService, tasks: readonly SwarmTask[]): { running: number; wanted: number; errors: string[] } {
  const current = tasks.filter((task) => task.DesiredState === "running" || ACTIVE.has(task.Status.State));
  const running = current.filter((task) => task.Status.State === "running" && task.DesiredState === "running").length;
  const replicas = service.Spec.Mode?.Replicated ? (service.Spec.Mode.Replicated.Replicas ?? 1) : undefined;
  const wanted = replicas ?? tasks.filter((task) => task.DesiredState === "running").length;
  const errors = tasks
    .filter((task) => task.Status.Err && task.Status.State !== "running" && task.DesiredState === "running")
    .map((task) => `${task.Slot ?? "?"}/${wanted}: ${task.Status.Err}`);
  return { running, wanted, errors };
}

/**
 * Waits as `docker service create/update/scale` do without --detach: polls the service's up-to-date
 * tasks, prints progress when it changes, and calls it converged once every wanted task has been
 * running for MONITOR_MS (at once in a test run: io.convergedWhenRunning). Returns the exit code.
 */
export async function waitForConvergence(
  engine: EngineTransport,
  serviceId: string,
  /** How the CLI names the service in its last line: the ID after create, the name typed after update or scale. */
  label: string,
  io: CommandIO,
  timing: { monitorMs?: number; giveUpMs?: number; pollMs?: number } = {},
): Promise<number> {
  const monitorMs = io.convergedWhenRunning ? 0 : (timing.monitorMs ?? MONITOR_MS);
  const started = Date.now();
  let lastLine = "";
  let stableSince: number | undefined;
  let name = serviceId;
  const say = (line: string) => {
    if (line !== lastLine) io.stdout.write(`${line}\n`);
    lastLine = line;
  };
  while (Date.now() - started < (timing.giveUpMs ?? GIVE_UP_MS)) {
    const service = (await sendForJson(engine, serviceInspectCall(serviceId, "read the service"))) as SwarmService;
    name = service.Spec.Name;
    const tasks = (await sendForJson(
      engine,
      tasksCall({ service: [serviceId], "_up-to-date": ["true"] }, "read its tasks"),
    )) as SwarmTask[];
    if (service.UpdateStatus?.State === "paused" || service.UpdateStatus?.State === "rollback_completed") {
      io.stderr.write(`service update paused: ${service.UpdateStatus.Message ?? ""}\n`);
      return 1;
    }
    const { running, wanted, errors } = progressOf(service, tasks);
    for (const error of errors) say(`${error}`);
    const converged = running === wanted && service.UpdateStatus?.State !== "updating";
    if (!converged) {
      stableSince = undefined;
      say(`overall progress: ${running} out of ${wanted} tasks`);
    } else {
      stableSince ??= Date.now();
      if (lastLine.startsWith("overall progress") || lastLine === "") say(`overall progress: ${running} out of ${wanted} tasks`);
      const left = Math.ceil((monitorMs - (Date.now() - stableSince)) / 1000);
      if (left <= 0) {
        say(`verify: Service ${label} converged`);
        return 0;
      }
      if (!lastLine.startsWith("verify")) say(`verify: Waiting ${left} seconds to verify that tasks are stable...`);
    }
    await new Promise((resolve) => setTimeout(resolve, timing.pollMs ?? 250));
  }
  io.stderr.write(
    `the service has not converged after ${Math.round((timing.giveUpMs ?? GIVE_UP_MS) / 1000)} seconds; \`docker service ps ${name}\` shows its tasks and their errors\n`,
  );
  return 1;
}
