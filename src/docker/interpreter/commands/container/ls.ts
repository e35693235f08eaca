import type { ApiCall } from "../../api-call.js";
import { type CommandIO, defineCommand, nowOf, type Refusal, refuse } from "../../command.js";
import { boolFlag, listFlag } from "../../flags.js";
import type { EngineTransport } from "../../transport.js";
import { reportDaemonError } from "../shared/daemon-failure.js";
import { sendForJson } from "../shared/send-call.js";
import { type ContainerListItem, containerTable, quietLines } from "./ls-table.js";

interface ListIntent {
  readonly all: boolean;
  readonly quiet: boolean;
  readonly trunc: boolean;
  /** key → values, as the Engine API takes filters. */
  readonly filters: Readonly<Record<string, readonly string[]>>;
}

const FILTER_KEYS = ["name", "status", "ancestor", "label"];

/** `docker ps` / `docker container ls|list|ps` (docker/cli container/list.go). */
export const lsCommand = defineCommand<ListIntent>({
  path: ["container", "ls"],
  aliases: [["container", "list"], ["container", "ps"], ["ps"]],
  flags: [
    { long: "all", short: "a", kind: "bool" },
    { long: "quiet", short: "q", kind: "bool" },
    { long: "filter", short: "f", kind: "list" },
    { long: "no-trunc", kind: "bool" },
  ],
  interspersed: true,
  toIntent: ({ flags, args }) => {
    if (args.length > 0) return refuse(`"docker ps" accepts no arguments (got ${args.join(" ")})`);
    const filters = parseFilters(listFlag(flags, "filter"));
    if ("problem" in filters) return filters;
    return {
      all: boolFlag(flags, "all") === true,
      quiet: boolFlag(flags, "quiet") === true,
      trunc: boolFlag(flags, "no-trunc") !== true,
      filters: filters.filters,
    };
  },
  plan: (intent) => [listCall(intent)],
  execute: executeList,
});

function parseFilters(values: readonly string[]): { filters: Record<string, string[]> } | Refusal {
  const filters: Record<string, string[]> = {};
  for (const value of values) {
    const equals = value.indexOf("=");
    if (equals < 0) return refuse(`invalid argument "${value}" for "-f, --filter" flag: bad format of filter (expected name=value)`);
    const key = value.slice(0, equals).trim().toLowerCase();
    if (!FILTER_KEYS.includes(key))
      return refuse(`the filter ${key} is not supported here; the interpreter filters by ${FILTER_KEYS.join(", ")}`);
    filters[key] = [...(filters[key] ?? []), value.slice(equals + 1).trim()];
  }
  return { filters };
}

function listCall(intent: ListIntent): ApiCall {
  const filterEntries = Object.entries(intent.filters);
  // The Engine API's filter format: {"name":{"web":true}}.
  const filters = Object.fromEntries(filterEntries.map(([key, values]) => [key, Object.fromEntries(values.map((v) => [v, true]))]));
  const query = { ...(intent.all ? { all: 1 } : {}), ...(filterEntries.length > 0 ? { filters: JSON.stringify(filters) } : {}) };
  return {
    method: "GET",
    path: "/containers/json",
    ...(Object.keys(query).length > 0 ? { query } : {}),
    why: intent.all ? "list every container, stopped ones too (newest first)" : "list the running containers (newest first)",
    notes: [
      ...filterEntries.map(([key, values]) => `filters: ${key} = ${values.join(" or ")} (the daemon filters)`),
      intent.quiet ? "only the ids are printed" : "the table's CREATED is worked out here; STATUS comes worded from the daemon",
    ],
  };
}

async function executeList(intent: ListIntent, engine: EngineTransport, io: CommandIO): Promise<number> {
  let containers: ContainerListItem[];
  try {
    containers = (await sendForJson(engine, listCall(intent))) as ContainerListItem[];
  } catch (error) {
    return reportDaemonError(error, io);
  }
  io.stdout.write(
    intent.quiet ? quietLines(containers, intent.trunc) : containerTable(containers, { trunc: intent.trunc, now: nowOf(io) }),
  );
  return 0;
}
