import { defineCommand, isRefusal, refuse } from "../../command.js";
import { toApiCall } from "../../engine-call.js";
import { reportDaemonError } from "../shared/daemon-failure.js";
import type { Filters } from "../shared/filters.js";
import { sendForJson } from "../shared/send-call.js";
import { type SwarmTask, serviceInspectCall, tasksCall } from "./service-calls.js";
import { stackFilter } from "./stack-calls.js";
import { nodeInspectCall } from "./swarm-calls.js";
import { printTasks, TASK_LIST_FLAGS, taskListOptions } from "./task-listing.js";

interface StackPsIntent {
  readonly stack: string;
  readonly quiet: boolean;
  readonly noTrunc: boolean;
  readonly filters: Filters;
}

const call = (intent: StackPsIntent) =>
  tasksCall(
    { ...intent.filters, label: [...(intent.filters.label ?? []), ...(stackFilter(intent.stack).label ?? [])] },
    `list the tasks of every service in the stack ${intent.stack}`,
  );

export const stackPsCommand = defineCommand<StackPsIntent>({
  path: ["stack", "ps"],
  aliases: [],
  flags: [...TASK_LIST_FLAGS],
  interspersed: true,
  toIntent({ flags, args }) {
    if (args.length !== 1) return refuse(`"docker stack ps" requires exactly 1 argument (a stack), got ${args.length}`);
    const options = taskListOptions(flags);
    return isRefusal(options) ? options : { stack: args[0] ?? "", ...options };
  },
  plan: (intent) => [
    toApiCall(call(intent)),
    { ...toApiCall(serviceInspectCall("{service id}", "read each task's service name")), when: "once per service" },
    { ...toApiCall(nodeInspectCall("{node id}", "read the hostname of each node running a task")), when: "once per node" },
  ],
  async execute(intent, engine, io) {
    try {
      const tasks = (await sendForJson(engine, call(intent))) as SwarmTask[];
      if (tasks.length === 0) {
        io.stderr.write(`nothing found in stack: ${intent.stack}\n`);
        return 1;
      }
      await printTasks(engine, tasks, intent, io);
      return 0;
    } catch (error) {
      return reportDaemonError(error, io);
    }
  },
});
