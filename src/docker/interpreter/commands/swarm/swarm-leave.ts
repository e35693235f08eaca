import { defineCommand, refuse } from "../../command.js";
import { type EngineCall, toApiCall } from "../../engine-call.js";
import { boolFlag } from "../../flags.js";
import { reportDaemonError } from "../shared/daemon-failure.js";
import { sendForNothing } from "../shared/send-call.js";

interface SwarmLeaveIntent {
  readonly force: boolean;
}

export const swarmLeaveCall = (intent: SwarmLeaveIntent): EngineCall => ({
  method: "POST",
  path: "/swarm/leave",
  ...(intent.force ? { query: { force: 1 } } : {}),
  why: "take this engine out of the swarm; its services' tasks stop here",
  notes: intent.force
    ? ["force=1: leave even as the last manager, which ends the swarm and its services, networks and secrets"]
    : ["a manager is refused without --force: leaving could cost the swarm its quorum"],
});

export const swarmLeaveCommand = defineCommand<SwarmLeaveIntent>({
  path: ["swarm", "leave"],
  aliases: [],
  flags: [{ long: "force", short: "f", kind: "bool" }],
  interspersed: true,
  toIntent({ flags, args }) {
    if (args.length > 0) return refuse(`"docker swarm leave" accepts no arguments, got ${args.length}`);
    return { force: boolFlag(flags, "force") === true };
  },
  plan: (intent) => [toApiCall(swarmLeaveCall(intent))],
  async execute(intent, engine, io) {
    try {
      await sendForNothing(engine, swarmLeaveCall(intent));
      io.stdout.write("Node left the swarm.\n");
      return 0;
    } catch (error) {
      return reportDaemonError(error, io);
    }
  },
});
