import { defineCommand, refuse } from "../../command.js";
import { type EngineCall, toApiCall } from "../../engine-call.js";
import { boolFlag } from "../../flags.js";
import { formatTable } from "../../format/table.js";
import { reportDaemonError } from "../shared/daemon-failure.js";
import { naturalCompare } from "../shared/natural-order.js";
import { sendForJson } from "../shared/send-call.js";
import { infoCall, type SwarmInfo, type SwarmNode } from "./swarm-calls.js";

interface NodeLsIntent {
  readonly quiet: boolean;
}

export const nodeListCall: EngineCall = {
  method: "GET",
  path: "/nodes",
  why: "list the swarm's nodes (only a manager knows them)",
  notes: ["Status.State: ready or down", "ManagerStatus: present on managers; Leader marks the one the others follow"],
};

const capitalize = (word: string | undefined): string => (word ? `${word[0]?.toUpperCase()}${word.slice(1)}` : "");

/** MANAGER STATUS: Leader, or the reachability of another manager, or nothing for a worker. */
function managerStatus(node: SwarmNode): string {
  if (node.ManagerStatus === undefined) return "";
  return node.ManagerStatus.Leader ? "Leader" : capitalize(node.ManagerStatus.Reachability);
}

/** The CLI's table, sorted by hostname; this node's ID carries a ` *`. */
export function nodesTable(nodes: readonly SwarmNode[], selfId: string): string {
  const sorted = [...nodes].sort((a, b) => naturalCompare(a.Description?.Hostname ?? "", b.Description?.Hostname ?? ""));
  return formatTable(
    ["ID", "HOSTNAME", "STATUS", "AVAILABILITY", "MANAGER STATUS", "ENGINE VERSION"],
    sorted.map((node) => [
      node.ID === selfId ? `${node.ID} *` : node.ID,
      node.Description?.Hostname ?? "",
      capitalize(node.Status?.State),
      capitalize(node.Spec?.Availability),
      managerStatus(node),
      node.Description?.Engine?.EngineVersion ?? "",
    ]),
  );
}

export const nodeLsCommand = defineCommand<NodeLsIntent>({
  path: ["node", "ls"],
  aliases: [["node", "list"]],
  flags: [{ long: "quiet", short: "q", kind: "bool" }],
  interspersed: true,
  toIntent({ flags, args }) {
    if (args.length > 0) return refuse(`"docker node ls" accepts no arguments, got ${args.length}`);
    return { quiet: boolFlag(flags, "quiet") === true };
  },
  plan: (intent) => [toApiCall(nodeListCall), ...(intent.quiet ? [] : [toApiCall(infoCall("find which node is this one (marked *)"))])],
  async execute(intent, engine, io) {
    try {
      const nodes = (await sendForJson(engine, nodeListCall)) as SwarmNode[];
      if (intent.quiet) {
        io.stdout.write(nodes.map((node) => `${node.ID}\n`).join(""));
        return 0;
      }
      const info = (await sendForJson(engine, infoCall("find this node"))) as SwarmInfo;
      io.stdout.write(nodesTable(nodes, info.Swarm?.NodeID ?? ""));
      return 0;
    } catch (error) {
      return reportDaemonError(error, io);
    }
  },
});
