import { defineCommand, isRefusal, refuse } from "../../command.js";
import { toApiCall } from "../../engine-call.js";
import { boolFlag, listFlag } from "../../flags.js";
import { reportDaemonError } from "../shared/daemon-failure.js";
import { type Filters, parseFilters } from "../shared/filters.js";
import { sendForJson } from "../shared/send-call.js";
import { type SwarmService, serviceListCall } from "./service-calls.js";
import { serviceIdLines, servicesTable } from "./service-table.js";

interface ServiceLsIntent {
  readonly quiet: boolean;
  readonly filters: Filters;
}

const listWhy = "list the swarm's services, with how many of each one's tasks run";

export const serviceLsCommand = defineCommand<ServiceLsIntent>({
  path: ["service", "ls"],
  aliases: [["service", "list"]],
  flags: [
    { long: "quiet", short: "q", kind: "bool" },
    { long: "filter", short: "f", kind: "list" },
  ],
  interspersed: true,
  toIntent({ flags, args }) {
    if (args.length > 0) return refuse(`"docker service ls" accepts no arguments, got ${args.length}`);
    const filters = parseFilters(listFlag(flags, "filter"));
    return isRefusal(filters) ? filters : { quiet: boolFlag(flags, "quiet") === true, filters };
  },
  plan: (intent) => [toApiCall(serviceListCall(intent.filters, listWhy))],
  async execute(intent, engine, io) {
    try {
      const services = (await sendForJson(engine, serviceListCall(intent.filters, listWhy))) as SwarmService[];
      io.stdout.write(intent.quiet ? serviceIdLines(services) : servicesTable(services));
      return 0;
    } catch (error) {
      return reportDaemonError(error, io);
    }
  },
});
