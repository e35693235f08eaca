import { defineCommand, isRefusal } from "../../command.js";
import { type EngineCall, toApiCall } from "../../engine-call.js";
import { boolFlag, listFlag } from "../../flags.js";
import { formatTable } from "../../format/table.js";
import { reportFailure } from "../shared/daemon-failure.js";
import { type Filters, filterNotes, filtersJson, hasFilters, parseFilters } from "../shared/filters.js";
import { naturalCompare } from "../shared/natural-order.js";
import { sendForJson } from "../shared/send-call.js";

interface VolumeLsIntent {
  readonly quiet: boolean;
  readonly filters: Filters;
}

export interface VolumeListItem {
  readonly Name: string;
  readonly Driver: string;
}

export const volumeLsCall = (intent: VolumeLsIntent): EngineCall => ({
  method: "GET",
  path: "/volumes",
  ...(hasFilters(intent.filters) ? { query: { filters: filtersJson(intent.filters) } } : {}),
  why: "list the volumes, named and anonymous (64 hex digits)",
  notes: [...filterNotes(intent.filters), "the answer is {Volumes, Warnings}; docker sorts by name"],
});

const byName = (volumes: readonly VolumeListItem[]): VolumeListItem[] => [...volumes].sort((a, b) => naturalCompare(a.Name, b.Name));

export const volumesTable = (volumes: readonly VolumeListItem[]): string =>
  formatTable(
    ["DRIVER", "VOLUME NAME"],
    byName(volumes).map((volume) => [volume.Driver, volume.Name]),
  );

export const volumeLsCommand = defineCommand<VolumeLsIntent>({
  path: ["volume", "ls"],
  aliases: [["volume", "list"]],
  flags: [
    { long: "quiet", short: "q", kind: "bool" },
    { long: "filter", short: "f", kind: "list" },
  ],
  interspersed: true,
  toIntent({ flags }) {
    const filters = parseFilters(listFlag(flags, "filter"));
    return isRefusal(filters) ? filters : { quiet: boolFlag(flags, "quiet") === true, filters };
  },
  plan: (intent) => [toApiCall(volumeLsCall(intent))],
  async execute(intent, engine, io) {
    try {
      const answer = (await sendForJson(engine, volumeLsCall(intent))) as { Volumes?: VolumeListItem[] | null };
      const volumes = answer.Volumes ?? [];
      io.stdout.write(
        intent.quiet
          ? byName(volumes)
              .map((volume) => `${volume.Name}\n`)
              .join("")
          : volumesTable(volumes),
      );
      return 0;
    } catch (error) {
      return reportFailure(io, error);
    }
  },
});
