import { defineCommand, isRefusal, refuse } from "../../command.js";
import { boolFlag, stringFlag } from "../../flags.js";
import { reportDaemonError } from "../shared/daemon-failure.js";
import { toApiCall } from "../shared/engine-call.js";
import { type InspectFormat, inspectEach, parseInspectFormat } from "../shared/inspect-output.js";
import { sendForJson } from "../shared/send-call.js";
import { infoCall, nodeInspectCall, type SwarmInfo } from "./swarm-calls.js";

interface NodeInspectIntent {
  readonly nodes: readonly string[];
  readonly format: InspectFormat;
}

const why = "read the node: its role, availability, state, engine version and labels";

export const nodeInspectCommand = defineCommand<NodeInspectIntent>({
  path: ["node", "inspect"],
  aliases: [],
  flags: [
    { long: "format", short: "f", kind: "string" },
    { long: "pretty", kind: "bool" },
  ],
  interspersed: true,
  toIntent({ flags, args }) {
    if (args.length === 0) return refuse('"docker node inspect" requires at least 1 argument (a node, or self)');
    if (boolFlag(flags, "pretty")) return refuse("the interpreter does not print --pretty; the docker CLI does");
    const format = parseInspectFormat(stringFlag(flags, "format"));
    return isRefusal(format) ? format : { nodes: args, format };
  },
  plan: (intent) => [
    ...(intent.nodes.includes("self") ? [toApiCall(infoCall("self means this node: find its ID"))] : []),
    ...intent.nodes.map((node) => toApiCall(nodeInspectCall(node === "self" ? "{this node's id}" : node, why))),
  ],
  async execute(intent, docker, io) {
    let self = "self";
    if (intent.nodes.includes("self")) {
      try {
        self = ((await sendForJson(docker, infoCall("find this node"))) as SwarmInfo).Swarm?.NodeID ?? "";
      } catch (error) {
        return reportDaemonError(error, io);
      }
    }
    const calls = intent.nodes.map((node) => nodeInspectCall(node === "self" ? self : node, why));
    return inspectEach(docker, calls, intent.format, io);
  },
});
