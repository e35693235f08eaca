import { defineCommand, refuse } from "../../command.js";
import { toApiCall } from "../../engine-call.js";
import { boolFlag } from "../../flags.js";
import { reportDaemonError } from "../shared/daemon-failure.js";
import { sendForJson } from "../shared/send-call.js";
import { infoCall, nodeInspectCall, type SwarmDetails, type SwarmInfo, swarmInspectCall } from "./swarm-calls.js";
import { printJoinCommand } from "./swarm-init.js";

interface JoinTokenIntent {
  readonly role: "worker" | "manager";
  readonly quiet: boolean;
}

export const swarmJoinTokenCommand = defineCommand<JoinTokenIntent>({
  path: ["swarm", "join-token"],
  aliases: [],
  flags: [{ long: "quiet", short: "q", kind: "bool" }],
  interspersed: true,
  toIntent({ flags, args }) {
    if (args.length !== 1) return refuse(`"docker swarm join-token" requires exactly 1 argument (worker or manager), got ${args.length}`);
    const role = args[0];
    if (role !== "worker" && role !== "manager") return refuse(`unknown role ${role}`, 1);
    return { role, quiet: boolFlag(flags, "quiet") === true };
  },
  plan: (intent) => [
    toApiCall({ ...swarmInspectCall, why: `read the swarm's ${intent.role} join token` }),
    ...(intent.quiet
      ? []
      : [
          toApiCall(infoCall("find this node's ID")),
          toApiCall(nodeInspectCall("{node id}", "read this manager's address, which the join command names")),
        ]),
  ],
  async execute(intent, engine, io) {
    try {
      const swarm = (await sendForJson(engine, swarmInspectCall)) as SwarmDetails;
      if (intent.quiet) {
        io.stdout.write(`${intent.role === "worker" ? swarm.JoinTokens.Worker : swarm.JoinTokens.Manager}\n`);
        return 0;
      }
      const info = (await sendForJson(engine, infoCall("find this node"))) as SwarmInfo;
      await printJoinCommand(engine, info.Swarm?.NodeID ?? "", [intent.role], io);
      return 0;
    } catch (error) {
      return reportDaemonError(error, io);
    }
  },
});
