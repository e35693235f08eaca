import { type CommandIO, defineCommand, refuse } from "../../command.js";
import { type EngineCall, pathPart, toApiCall } from "../../engine-call.js";
import { boolFlag } from "../../flags.js";
import type { EngineTransport } from "../../transport.js";
import { daemonFailureText, isMissing } from "../shared/daemon-failure.js";
import { sendForJson, sendForNothing } from "../shared/send-call.js";

interface NetworkRmIntent {
  readonly networks: readonly string[];
  readonly force: boolean;
}

/** The CLI reads each network first: removing the swarm's ingress network needs a confirmation. */
export const networkReadCall = (network: string): EngineCall => ({
  method: "GET",
  path: `/networks/${pathPart(network)}`,
  why: `look at ${network} first: docker asks before removing the swarm's routing-mesh (ingress) network`,
});

export const networkRmCall = (network: string): EngineCall => ({
  method: "DELETE",
  path: `/networks/${pathPart(network)}`,
  why: `remove the network ${network}; the daemon refuses while a container is still attached`,
});

export const networkRmCommand = defineCommand<NetworkRmIntent>({
  path: ["network", "rm"],
  aliases: [["network", "remove"]],
  flags: [{ long: "force", short: "f", kind: "bool" }],
  interspersed: true,
  toIntent({ flags, args }) {
    if (args.length === 0) return refuse('"docker network rm" requires at least 1 argument (a network)');
    return { networks: args, force: boolFlag(flags, "force") === true };
  },
  plan: (intent) => intent.networks.flatMap((network) => [toApiCall(networkReadCall(network)), toApiCall(networkRmCall(network))]),
  async execute(intent, engine, io) {
    let failed = false;
    for (const network of intent.networks) failed = !(await removeOne(engine, network, intent.force, io)) || failed;
    // docker 28 ends a partly failed `network rm` with this line of its own
    if (failed) io.stderr.write("exit status 1\n");
    return failed ? 1 : 0;
  },
});

/** Prints the name once it is gone, or the daemon's error; `-f` makes a missing network no failure. */
async function removeOne(engine: EngineTransport, network: string, force: boolean, io: CommandIO): Promise<boolean> {
  const read = (await sendForJson(engine, networkReadCall(network)).catch(() => undefined)) as { Ingress?: boolean } | undefined;
  if (read?.Ingress === true) {
    io.stderr.write(`${network} is the swarm's ingress network; the interpreter does not answer docker's confirmation, so it stays\n`);
    return true;
  }
  try {
    await sendForNothing(engine, networkRmCall(network));
    io.stdout.write(`${network}\n`);
    return true;
  } catch (error) {
    if (force && isMissing(error)) return true;
    io.stderr.write(`${daemonFailureText(error)}\n`);
    return false;
  }
}
