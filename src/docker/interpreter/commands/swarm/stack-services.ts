import { defineCommand, isRefusal, refuse } from "../../command.js";
import { toApiCall } from "../../engine-call.js";
import { boolFlag, listFlag } from "../../flags.js";
import { reportDaemonError } from "../shared/daemon-failure.js";
import { type Filters, parseFilters } from "../shared/filters.js";
import { sendForJson } from "../shared/send-call.js";
import { type SwarmService, serviceListCall } from "./service-calls.js";
import { serviceIdLines, servicesTable } from "./service-table.js";
import { stackFilter } from "./stack-calls.js";

interface StackServicesIntent {
  readonly stack: string;
  readonly quiet: boolean;
  readonly filters: Filters;
}

const call = (intent: StackServicesIntent) =>
  serviceListCall(
    { ...intent.filters, label: [...(intent.filters.label ?? []), ...(stackFilter(intent.stack).label ?? [])] },
    `list the services of the stack ${intent.stack}, with how many of each one's tasks run`,
  );

export const stackServicesCommand = defineCommand<StackServicesIntent>({
  path: ["stack", "services"],
  aliases: [],
  flags: [
    { long: "quiet", short: "q", kind: "bool" },
    { long: "filter", short: "f", kind: "list" },
  ],
  interspersed: true,
  toIntent({ flags, args }) {
    if (args.length !== 1) return refuse(`"docker stack services" requires exactly 1 argument (a stack), got ${args.length}`);
    const filters = parseFilters(listFlag(flags, "filter"));
    return isRefusal(filters) ? filters : { stack: args[0] ?? "", quiet: boolFlag(flags, "quiet") === true, filters };
  },
  plan: (intent) => [toApiCall(call(intent))],
  async execute(intent, engine, io) {
    try {
      const services = (await sendForJson(engine, call(intent))) as SwarmService[];
      if (services.length === 0 && !intent.quiet) {
        io.stderr.write(`Nothing found in stack: ${intent.stack}\n`);
        return 0;
      }
      io.stdout.write(intent.quiet ? serviceIdLines(services) : servicesTable(services));
      return 0;
    } catch (error) {
      return reportDaemonError(error, io);
    }
  },
});
