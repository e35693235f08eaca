import { defineCommand, isRefusal, type Refusal, refuse } from "../../command.js";
import { type EngineCall, toApiCall } from "../../engine-call.js";
import { boolFlag, listFlag, stringFlag } from "../../flags.js";
import { reportFailure } from "../shared/daemon-failure.js";
import { keyValues } from "../shared/key-values.js";
import { sendForJson } from "../shared/send-call.js";

interface NetworkCreateIntent {
  readonly name: string;
  readonly driver: string;
  readonly attachable: boolean;
  readonly internal: boolean;
  readonly ipv6: boolean;
  readonly subnets: readonly { readonly Subnet: string; readonly Gateway?: string }[];
  readonly labels: Readonly<Record<string, string>>;
  readonly options: Readonly<Record<string, string>>;
}

/** POST /networks/create with the body the CLI sends (NetworkCreateRequest), CheckDuplicate on. */
export function networkCreateCall(intent: NetworkCreateIntent): EngineCall {
  return {
    method: "POST",
    path: "/networks/create",
    body: {
      Driver: intent.driver,
      Scope: "",
      ...(intent.ipv6 ? { EnableIPv6: true } : {}),
      IPAM: { Driver: "default", Options: {}, Config: intent.subnets },
      Internal: intent.internal,
      Attachable: intent.attachable,
      Ingress: false,
      ConfigOnly: false,
      ConfigFrom: null,
      Options: intent.options,
      Labels: intent.labels,
      Name: intent.name,
      CheckDuplicate: true,
    },
    why: `create the ${intent.driver} network ${intent.name}; containers on it reach each other by name`,
    notes: [
      `Driver: ${intent.driver}${intent.driver === "overlay" ? " (spans the swarm's nodes; needs a swarm manager)" : " (one host)"}`,
      ...(intent.attachable ? ["Attachable: true (plain containers may join, not only swarm services)"] : []),
      ...intent.subnets.map((ipam) => `IPAM.Config: subnet ${ipam.Subnet}${ipam.Gateway ? `, gateway ${ipam.Gateway}` : ""}`),
      ...(intent.subnets.length === 0 ? ["IPAM.Config: empty, so the daemon picks a free subnet"] : []),
      "CheckDuplicate: true (refuse a second network with the same name)",
    ],
  };
}

export const networkCreateCommand = defineCommand<NetworkCreateIntent>({
  path: ["network", "create"],
  aliases: [],
  flags: [
    { long: "driver", short: "d", kind: "string" },
    { long: "attachable", kind: "bool" },
    { long: "internal", kind: "bool" },
    { long: "ipv6", kind: "bool" },
    { long: "subnet", kind: "list" },
    { long: "gateway", kind: "list" },
    { long: "label", kind: "list" },
    { long: "opt", short: "o", kind: "list" },
  ],
  interspersed: true,
  toIntent({ flags, args }) {
    if (args.length !== 1) return refuse(`"docker network create" requires exactly 1 argument (the network's name), got ${args.length}`);
    const subnets = pairSubnets(listFlag(flags, "subnet"), listFlag(flags, "gateway"));
    if (isRefusal(subnets)) return subnets;
    return {
      ...{ name: args[0] ?? "", driver: stringFlag(flags, "driver") ?? "bridge", subnets },
      ...{
        attachable: boolFlag(flags, "attachable") === true,
        internal: boolFlag(flags, "internal") === true,
        ipv6: boolFlag(flags, "ipv6") === true,
      },
      labels: keyValues(listFlag(flags, "label")),
      options: keyValues(listFlag(flags, "opt")),
    };
  },
  plan: (intent) => [toApiCall(networkCreateCall(intent))],
  async execute(intent, engine, io) {
    try {
      const created = (await sendForJson(engine, networkCreateCall(intent))) as { Id?: string };
      io.stdout.write(`${created.Id ?? ""}\n`);
      return 0;
    } catch (error) {
      return reportFailure(io, error);
    }
  },
});

/** The n-th --gateway belongs to the n-th --subnet (the CLI matches them by address; for lessons the order agrees). */
function pairSubnets(subnets: readonly string[], gateways: readonly string[]): { Subnet: string; Gateway?: string }[] | Refusal {
  if (gateways.length > subnets.length) return refuse("every --gateway needs its own --subnet");
  return subnets.map((Subnet, index) => (gateways[index] ? { Subnet, Gateway: gateways[index] } : { Subnet }));
}
