import { defineCommand, refuse } from "../../command.js";
import { type EngineCall, toApiCall } from "../../engine-call.js";
import { formatTable } from "../../format/table.js";
import { reportDaemonError } from "../shared/daemon-failure.js";
import { filtersJson } from "../shared/filters.js";
import { naturalCompare } from "../shared/natural-order.js";
import { sendForJson } from "../shared/send-call.js";
import { NAMESPACE_LABEL } from "./compose-file.js";
import type { SwarmService } from "./service-calls.js";

const stackServicesCall: EngineCall = {
  method: "GET",
  path: "/services",
  query: { filters: filtersJson({ label: [NAMESPACE_LABEL] }) },
  why: "list every service that belongs to a stack (it carries the stack's namespace label)",
  notes: ["a stack is not an object of its own: docker counts services by their namespace label"],
};

/** NAME and SERVICES, one row per namespace, by name. */
export function stacksTable(services: readonly SwarmService[]): string {
  const counts = new Map<string, number>();
  for (const service of services) {
    const stack = service.Spec.Labels?.[NAMESPACE_LABEL];
    if (stack !== undefined) counts.set(stack, (counts.get(stack) ?? 0) + 1);
  }
  const rows = [...counts].sort(([a], [b]) => naturalCompare(a, b)).map(([stack, count]) => [stack, String(count)]);
  return formatTable(["NAME", "SERVICES"], rows);
}

export const stackLsCommand = defineCommand<Record<string, never>>({
  path: ["stack", "ls"],
  aliases: [["stack", "list"]],
  flags: [],
  interspersed: true,
  toIntent: ({ args }) => (args.length > 0 ? refuse(`"docker stack ls" accepts no arguments, got ${args.length}`) : {}),
  plan: () => [toApiCall(stackServicesCall)],
  async execute(_intent, engine, io) {
    try {
      io.stdout.write(stacksTable((await sendForJson(engine, stackServicesCall)) as SwarmService[]));
      return 0;
    } catch (error) {
      return reportDaemonError(error, io);
    }
  },
});
