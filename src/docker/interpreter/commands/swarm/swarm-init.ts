import { type CommandIO, defineCommand, refuse } from "../../command.js";
import { type EngineCall, toApiCall } from "../../engine-call.js";
import { stringFlag } from "../../flags.js";
import type { EngineTransport } from "../../transport.js";
import { reportDaemonError } from "../shared/daemon-failure.js";
import { sendForJson } from "../shared/send-call.js";
import { joinInstructions, nodeInspectCall, type SwarmDetails, type SwarmNode, swarmInspectCall } from "./swarm-calls.js";

interface SwarmInitIntent {
  readonly advertiseAddr: string;
  readonly listenAddr: string;
}

/** POST /swarm/init with the InitRequest the CLI sends when no cluster option is given. */
export function swarmInitCall(intent: SwarmInitIntent): EngineCall {
  return {
    method: "POST",
    path: "/swarm/init",
    body: {
      ListenAddr: intent.listenAddr,
      AdvertiseAddr: intent.advertiseAddr,
      DataPathAddr: "",
      DataPathPort: 0,
      ForceNewCluster: false,
      Spec: {
        Labels: null,
        Orchestration: {},
        Raft: { ElectionTick: 0, HeartbeatTick: 0 },
        Dispatcher: {},
        CAConfig: {},
        TaskDefaults: {},
        EncryptionConfig: { AutoLockManagers: false },
      },
      AutoLockManagers: false,
      Availability: "",
      DefaultAddrPool: [],
      SubnetSize: 24,
    },
    why: "turn this engine into a one-node swarm, with itself as its first manager (and leader)",
    notes: [
      `ListenAddr: ${intent.listenAddr} (managers talk to each other on port 2377)`,
      intent.advertiseAddr === ""
        ? "AdvertiseAddr: empty, so the daemon picks this machine's address (it refuses if there are several)"
        : `AdvertiseAddr: ${intent.advertiseAddr} (the address other nodes use to reach this one)`,
      "the answer is the new node's ID",
    ],
  };
}

export const swarmInitCommand = defineCommand<SwarmInitIntent>({
  path: ["swarm", "init"],
  aliases: [],
  flags: [
    { long: "advertise-addr", kind: "string" },
    { long: "listen-addr", kind: "string" },
  ],
  interspersed: true,
  toIntent({ flags, args }) {
    if (args.length > 0) return refuse(`"docker swarm init" accepts no arguments, got ${args.length}`);
    const listen = stringFlag(flags, "listen-addr") ?? "0.0.0.0:2377";
    return { advertiseAddr: stringFlag(flags, "advertise-addr") ?? "", listenAddr: listen.includes(":") ? listen : `${listen}:2377` };
  },
  plan: (intent) => [
    toApiCall(swarmInitCall(intent)),
    toApiCall(nodeInspectCall("{node id}", "read this node's manager address, for the join command")),
    toApiCall(swarmInspectCall),
  ],
  async execute(intent, engine, io) {
    try {
      const nodeId = (await sendForJson(engine, swarmInitCall(intent))) as string;
      io.stdout.write(`Swarm initialized: current node (${nodeId}) is now a manager.\n\n`);
      await printJoinCommand(engine, nodeId, ["worker"], io);
      io.stdout.write("To add a manager to this swarm, run 'docker swarm join-token manager' and follow the instructions.\n");
      return 0;
    } catch (error) {
      return reportDaemonError(error, io);
    }
  },
});

/** Prints how to join as each role, with this manager's address (only a manager has one). */
export async function printJoinCommand(
  engine: EngineTransport,
  nodeId: string,
  roles: readonly ("worker" | "manager")[],
  io: CommandIO,
): Promise<void> {
  const node = (await sendForJson(engine, nodeInspectCall(nodeId, "read this node"))) as SwarmNode;
  const swarm = (await sendForJson(engine, swarmInspectCall)) as SwarmDetails;
  const addr = node.ManagerStatus?.Addr;
  if (addr === undefined) return;
  for (const role of roles)
    io.stdout.write(joinInstructions(role, role === "worker" ? swarm.JoinTokens.Worker : swarm.JoinTokens.Manager, addr));
}
