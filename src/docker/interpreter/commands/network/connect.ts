import { type CommandIO, defineCommand, refuse } from "../../command.js";
import { type EngineCall, pathPart, toApiCall } from "../../engine-call.js";
import { boolFlag, listFlag, stringFlag } from "../../flags.js";
import type { EngineTransport } from "../../transport.js";
import { reportFailure } from "../shared/daemon-failure.js";
import { sendForNothing } from "../shared/send-call.js";

interface ConnectIntent {
  readonly network: string;
  readonly container: string;
  readonly aliases: readonly string[];
  readonly ip?: string;
}

interface DisconnectIntent {
  readonly network: string;
  readonly container: string;
  readonly force: boolean;
}

export function connectCall(intent: ConnectIntent): EngineCall {
  return {
    method: "POST",
    path: `/networks/${pathPart(intent.network)}/connect`,
    body: {
      Container: intent.container,
      EndpointConfig: { IPAMConfig: intent.ip ? { IPv4Address: intent.ip } : {}, Links: null, Aliases: intent.aliases, DriverOpts: {} },
    },
    why: `attach the running container ${intent.container} to ${intent.network}: it gets a second network card and address`,
    notes: [
      ...(intent.aliases.length > 0
        ? [`EndpointConfig.Aliases: ${intent.aliases.join(", ")} (extra names others on ${intent.network} can use)`]
        : []),
      ...(intent.ip ? [`EndpointConfig.IPAMConfig.IPv4Address: ${intent.ip}`] : []),
      "other containers on the network find it by its name through docker's DNS",
    ],
  };
}

export const disconnectCall = (intent: DisconnectIntent): EngineCall => ({
  method: "POST",
  path: `/networks/${pathPart(intent.network)}/disconnect`,
  body: { Container: intent.container, Force: intent.force },
  why: `detach the container ${intent.container} from ${intent.network}; its other networks stay`,
  notes: [`Force: ${intent.force}`],
});

const twoArguments = (command: string, count: number) =>
  refuse(`"docker network ${command}" requires exactly 2 arguments (NETWORK CONTAINER), got ${count}`);

async function send(call: EngineCall, engine: EngineTransport, io: CommandIO): Promise<number> {
  try {
    await sendForNothing(engine, call);
    return 0;
  } catch (error) {
    return reportFailure(io, error);
  }
}

export const networkConnectCommand = defineCommand<ConnectIntent>({
  path: ["network", "connect"],
  aliases: [],
  flags: [
    { long: "alias", kind: "list" },
    { long: "ip", kind: "string" },
  ],
  interspersed: true,
  toIntent({ flags, args }) {
    if (args.length !== 2) return twoArguments("connect", args.length);
    const ip = stringFlag(flags, "ip");
    return { network: args[0] ?? "", container: args[1] ?? "", aliases: listFlag(flags, "alias"), ...(ip ? { ip } : {}) };
  },
  plan: (intent) => [toApiCall(connectCall(intent))],
  execute: (intent, engine, io) => send(connectCall(intent), engine, io),
});

export const networkDisconnectCommand = defineCommand<DisconnectIntent>({
  path: ["network", "disconnect"],
  aliases: [],
  flags: [{ long: "force", short: "f", kind: "bool" }],
  interspersed: true,
  toIntent({ flags, args }) {
    if (args.length !== 2) return twoArguments("disconnect", args.length);
    return { network: args[0] ?? "", container: args[1] ?? "", force: boolFlag(flags, "force") === true };
  },
  plan: (intent) => [toApiCall(disconnectCall(intent))],
  execute: (intent, engine, io) => send(disconnectCall(intent), engine, io),
});
