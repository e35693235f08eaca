import { defineCommand } from "../../command.js";
import { toApiCall } from "../../engine-call.js";
import { reportDaemonError } from "../shared/daemon-failure.js";
import { INSPECT_FLAGS, type InspectIntent, inspectIntent } from "../shared/inspect-command.js";
import { inspectEach, lookupBy } from "../shared/inspect-output.js";
import { sendForJson } from "../shared/send-call.js";
import { infoCall, nodeInspectCall, type SwarmInfo } from "./swarm-calls.js";

const why = "read the node: its role, availability, state, engine version and labels";

/** Like the other inspect commands, but `self` means this node, found through GET /info. */
export const nodeInspectCommand = defineCommand<InspectIntent>({
  path: ["node", "inspect"],
  aliases: [],
  flags: [...INSPECT_FLAGS],
  interspersed: true,
  toIntent: (input) => inspectIntent(input, "node inspect", "a node, or self"),
  plan: (intent) => [
    ...(intent.targets.includes("self") ? [toApiCall(infoCall("self means this node: find its ID"))] : []),
    ...intent.targets.map((node) => toApiCall(nodeInspectCall(node === "self" ? "{this node's id}" : node, why))),
  ],
  async execute(intent, engine, io) {
    let self = "self";
    if (intent.targets.includes("self")) {
      try {
        self = ((await sendForJson(engine, infoCall("find this node"))) as SwarmInfo).Swarm?.NodeID ?? "";
      } catch (error) {
        return reportDaemonError(error, io);
      }
    }
    const lookups = intent.targets.map((node) => lookupBy(nodeInspectCall(node === "self" ? self : node, why)));
    return inspectEach(engine, lookups, intent.format, io);
  },
});
