import { defineCommand, isRefusal, refuse } from "../../command.js";
import { toApiCall } from "../../engine-call.js";
import { isMissing, reportDaemonError } from "../shared/daemon-failure.js";
import type { Filters } from "../shared/filters.js";
import { sendForJson } from "../shared/send-call.js";
import { type SwarmService, type SwarmTask, serviceInspectCall, tasksCall } from "./service-calls.js";
import { nodeInspectCall } from "./swarm-calls.js";
import { printTasks, TASK_LIST_FLAGS, taskListOptions } from "./task-listing.js";

interface ServicePsIntent {
  readonly services: readonly string[];
  readonly quiet: boolean;
  readonly noTrunc: boolean;
  readonly filters: Filters;
}

const tasksWhy = "list the service's tasks: one per replica and slot, old ones kept as history";

export const servicePsCommand = defineCommand<ServicePsIntent>({
  path: ["service", "ps"],
  aliases: [],
  flags: [...TASK_LIST_FLAGS],
  interspersed: true,
  toIntent({ flags, args }) {
    if (args.length === 0) return refuse('"docker service ps" requires at least 1 argument (a service)');
    const options = taskListOptions(flags);
    return isRefusal(options) ? options : { services: args, ...options };
  },
  plan: (intent) => [
    ...intent.services.map((s) => toApiCall(serviceInspectCall(s, `find the service ${s} (a name or an ID)`))),
    toApiCall(tasksCall({ ...intent.filters, service: intent.services.map((s) => `{id of ${s}}`) }, tasksWhy)),
    {
      ...toApiCall(nodeInspectCall("{node id}", "read the hostname of each node running a task (the NODE column)")),
      when: "once per node",
    },
  ],
  async execute(intent, engine, io) {
    try {
      const ids: string[] = [];
      const missing: string[] = [];
      for (const name of intent.services) {
        try {
          ids.push(((await sendForJson(engine, serviceInspectCall(name, "find the service"))) as SwarmService).ID);
        } catch (error) {
          if (!isMissing(error)) throw error;
          missing.push(name);
        }
      }
      if (ids.length > 0) {
        const tasks = (await sendForJson(engine, tasksCall({ ...intent.filters, service: ids }, tasksWhy))) as SwarmTask[];
        await printTasks(engine, tasks, intent, io);
      }
      if (missing.length === 0) return 0;
      io.stderr.write(`${missing.map((name) => `no such service: ${name}`).join("\n")}\n`);
      return 1;
    } catch (error) {
      return reportDaemonError(error, io);
    }
  },
});
