import { defineCommand, nowOf, refuse } from "../../command.js";
import { type EngineCall, pathPart, toApiCall } from "../../engine-call.js";
import { boolFlag } from "../../flags.js";
import { ago, humanSizeWithPrecision, shortId } from "../../format/human-units.js";
import { ellipsis, formatTable } from "../../format/table.js";
import { reportFailure } from "../shared/daemon-failure.js";
import { sendForJson } from "../shared/send-call.js";

interface HistoryIntent {
  readonly image: string;
  readonly quiet: boolean;
  readonly noTrunc: boolean;
}

/** One entry of GET /images/{name}/history, newest layer first. */
export interface HistoryEntry {
  readonly Id: string;
  readonly Created: number;
  readonly CreatedBy: string;
  readonly Size: number;
  readonly Comment: string;
}

export const historyCall = (image: string): EngineCall => ({
  method: "GET",
  path: `/images/${pathPart(image)}/history`,
  why: `list the layers of ${image}, newest first, with the instruction that made each`,
  notes: ["Id is <missing> for layers built elsewhere: only their content travelled, not the image that made them"],
});

/** docker/cli's history table: CREATED BY cut to 45 characters, sizes like "1.99MB". */
export function historyTable(entries: readonly HistoryEntry[], nowMs: number, noTrunc: boolean): string {
  return formatTable(
    ["IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT"],
    entries.map((entry) => [
      noTrunc || entry.Id === "<missing>" ? entry.Id : shortId(entry.Id),
      ago(entry.Created, nowMs),
      noTrunc ? entry.CreatedBy.replaceAll("\t", " ") : ellipsis(entry.CreatedBy.replaceAll("\t", " "), 45),
      humanSizeWithPrecision(entry.Size, 3),
      entry.Comment,
    ]),
  );
}

export const historyCommand = defineCommand<HistoryIntent>({
  path: ["image", "history"],
  aliases: [["history"]],
  flags: [
    { long: "quiet", short: "q", kind: "bool" },
    { long: "no-trunc", kind: "bool" },
  ],
  interspersed: true,
  toIntent({ flags, args }) {
    if (args.length !== 1) return refuse(`"docker history" requires exactly 1 argument (an image), got ${args.length}`);
    return { image: args[0] ?? "", quiet: boolFlag(flags, "quiet") === true, noTrunc: boolFlag(flags, "no-trunc") === true };
  },
  plan: (intent) => [toApiCall(historyCall(intent.image))],
  async execute(intent, engine, io) {
    try {
      const entries = (await sendForJson(engine, historyCall(intent.image))) as HistoryEntry[];
      const ids = entries.map((entry) => `${intent.noTrunc || entry.Id === "<missing>" ? entry.Id : shortId(entry.Id)}\n`).join("");
      io.stdout.write(intent.quiet ? ids : historyTable(entries, nowOf(io), intent.noTrunc));
      return 0;
    } catch (error) {
      return reportFailure(io, error);
    }
  },
});
