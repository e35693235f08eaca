import { defineCommand, isRefusal, nowOf, refuse } from "../../command.js";
import { type EngineCall, toApiCall } from "../../engine-call.js";
import { boolFlag, listFlag } from "../../flags.js";
import { reportFailure } from "../shared/daemon-failure.js";
import { type Filters, filterNotes, filtersJson, hasFilters, parseFilters } from "../shared/filters.js";
import { sendForJson } from "../shared/send-call.js";
import { type ImageListItem, imageIds, imageRows, imagesTable } from "./ls-table.js";

interface ImageLsIntent {
  readonly all: boolean;
  readonly quiet: boolean;
  readonly noTrunc: boolean;
  readonly filters: Filters;
}

/** GET /images/json; a REPOSITORY[:TAG] argument is one more `reference` filter, as in the CLI. */
export function imageLsCall(intent: ImageLsIntent): EngineCall {
  const query = { ...(intent.all ? { all: "1" } : {}), ...(hasFilters(intent.filters) ? { filters: filtersJson(intent.filters) } : {}) };
  return {
    method: "GET",
    path: "/images/json",
    ...(Object.keys(query).length > 0 ? { query } : {}),
    why: intent.all ? "list every image, intermediate build layers included" : "list the images this daemon stores",
    notes: [...filterNotes(intent.filters), "each image comes with all its names (RepoTags); docker prints one row per name"],
  };
}

export const imageLsCommand = defineCommand<ImageLsIntent>({
  path: ["image", "ls"],
  aliases: [["images"], ["image", "list"]],
  flags: [
    { long: "all", short: "a", kind: "bool" },
    { long: "quiet", short: "q", kind: "bool" },
    { long: "no-trunc", kind: "bool" },
    { long: "filter", short: "f", kind: "list" },
  ],
  interspersed: true,
  toIntent({ flags, args }) {
    if (args.length > 1) return refuse('"docker images" accepts at most 1 argument (REPOSITORY[:TAG])');
    const references = args.map((arg) => `reference=${arg}`);
    const filters = parseFilters([...listFlag(flags, "filter"), ...references]);
    if (isRefusal(filters)) return filters;
    return {
      all: boolFlag(flags, "all") === true,
      quiet: boolFlag(flags, "quiet") === true,
      noTrunc: boolFlag(flags, "no-trunc") === true,
      filters,
    };
  },
  plan: (intent) => [toApiCall(imageLsCall(intent))],
  async execute(intent, engine, io) {
    try {
      const summaries = (await sendForJson(engine, imageLsCall(intent))) as ImageListItem[];
      const rows = imageRows(summaries);
      io.stdout.write(intent.quiet ? imageIds(rows, intent.noTrunc) : imagesTable(rows, nowOf(io), intent.noTrunc));
      return 0;
    } catch (error) {
      return reportFailure(io, error);
    }
  },
});
