import { defineCommand, isRefusal, refuse } from "../../command.js";
import { stringFlag } from "../../flags.js";
import { type EngineCall, pathPart, toApiCall } from "../shared/engine-call.js";
import { type InspectFormat, inspectEach, parseInspectFormat } from "../shared/inspect-output.js";

interface NetworkInspectIntent {
  readonly networks: readonly string[];
  readonly format: InspectFormat;
}

export const networkInspectCall = (network: string): EngineCall => ({
  method: "GET",
  path: `/networks/${pathPart(network)}`,
  why: `read the network ${network}: its subnet, gateway and the containers attached to it`,
  notes: ["IPAM.Config: subnet and gateway", "Containers: each attached container with its address on this network"],
});

export const networkInspectCommand = defineCommand<NetworkInspectIntent>({
  path: ["network", "inspect"],
  aliases: [],
  flags: [{ long: "format", short: "f", kind: "string" }],
  interspersed: true,
  toIntent({ flags, args }) {
    if (args.length === 0) return refuse('"docker network inspect" requires at least 1 argument (a network)');
    const format = parseInspectFormat(stringFlag(flags, "format"));
    return isRefusal(format) ? format : { networks: args, format };
  },
  plan: (intent) => intent.networks.map((network) => toApiCall(networkInspectCall(network))),
  execute: (intent, docker, io) => inspectEach(docker, intent.networks.map(networkInspectCall), intent.format, io),
});
