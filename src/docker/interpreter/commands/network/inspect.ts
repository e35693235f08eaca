import { type EngineCall, pathPart } from "../../engine-call.js";
import { defineInspectCommand } from "../shared/inspect-command.js";

export const networkInspectCall = (network: string): EngineCall => ({
  method: "GET",
  path: `/networks/${pathPart(network)}`,
  why: `read the network ${network}: its subnet, gateway and the containers attached to it`,
  notes: ["IPAM.Config: subnet and gateway", "Containers: each attached container with its address on this network"],
});

export const networkInspectCommand = defineInspectCommand({ path: ["network", "inspect"], noun: "a network", call: networkInspectCall });
