import { defineCommand, isRefusal } from "../../command.js";
import { type EngineCall, toApiCall } from "../../engine-call.js";
import { boolFlag, listFlag } from "../../flags.js";
import { shortId } from "../../format/human-units.js";
import { formatTable } from "../../format/table.js";
import { reportFailure } from "../shared/daemon-failure.js";
import { type Filters, filterNotes, filtersJson, hasFilters, parseFilters } from "../shared/filters.js";
import { naturalCompare } from "../shared/natural-order.js";
import { sendForJson } from "../shared/send-call.js";

interface NetworkLsIntent {
  readonly quiet: boolean;
  readonly noTrunc: boolean;
  readonly filters: Filters;
}

export interface NetworkListItem {
  readonly Id: string;
  readonly Name: string;
  readonly Driver: string;
  readonly Scope: string;
}

export const networkLsCall = (intent: NetworkLsIntent): EngineCall => ({
  method: "GET",
  path: "/networks",
  ...(hasFilters(intent.filters) ? { query: { filters: filtersJson(intent.filters) } } : {}),
  why: "list the networks, the three built-in ones (bridge, host, none) included",
  notes: [...filterNotes(intent.filters), "docker sorts them by name before printing"],
});

/** The CLI's table, sorted by name in natural order. */
export function networksTable(networks: readonly NetworkListItem[], noTrunc: boolean): string {
  return formatTable(
    ["NETWORK ID", "NAME", "DRIVER", "SCOPE"],
    byName(networks).map((network) => [noTrunc ? network.Id : shortId(network.Id), network.Name, network.Driver, network.Scope]),
  );
}

const byName = (networks: readonly NetworkListItem[]): NetworkListItem[] => [...networks].sort((a, b) => naturalCompare(a.Name, b.Name));

export const networkLsCommand = defineCommand<NetworkLsIntent>({
  path: ["network", "ls"],
  aliases: [["network", "list"]],
  flags: [
    { long: "quiet", short: "q", kind: "bool" },
    { long: "no-trunc", kind: "bool" },
    { long: "filter", short: "f", kind: "list" },
  ],
  interspersed: true,
  toIntent({ flags }) {
    const filters = parseFilters(listFlag(flags, "filter"));
    if (isRefusal(filters)) return filters;
    return { quiet: boolFlag(flags, "quiet") === true, noTrunc: boolFlag(flags, "no-trunc") === true, filters };
  },
  plan: (intent) => [toApiCall(networkLsCall(intent))],
  async execute(intent, engine, io) {
    try {
      const networks = (await sendForJson(engine, networkLsCall(intent))) as NetworkListItem[];
      const ids = byName(networks).map((network) => `${intent.noTrunc ? network.Id : shortId(network.Id)}\n`);
      io.stdout.write(intent.quiet ? ids.join("") : networksTable(networks, intent.noTrunc));
      return 0;
    } catch (error) {
      return reportFailure(io, error);
    }
  },
});
