import { defineCommand, refuse } from "../../command.js";
import { type EngineCall, toApiCall } from "../../engine-call.js";
import { stringFlag } from "../../flags.js";
import { reportDaemonError } from "../shared/daemon-failure.js";
import { sendForJson, sendForNothing } from "../shared/send-call.js";
import { infoCall, type SwarmInfo } from "./swarm-calls.js";

export interface SwarmJoinIntent {
  readonly remote: string;
  readonly token: string;
  readonly listenAddr: string;
  readonly advertiseAddr: string;
  /** "" unless --availability was given: the daemon then keeps its default (active). */
  readonly availability: string;
}

const AVAILABILITIES = ["active", "pause", "drain"];

/** opts.ParseTCPAddr as the CLI applies it to --listen-addr: a missing host is 0.0.0.0, a missing port 2377. */
export function listenAddress(raw: string): string {
  const addr = raw.replace(/^tcp:\/\//, "");
  const colon = addr.endsWith("]") ? -1 : addr.lastIndexOf(":");
  const host = colon < 0 ? addr : addr.slice(0, colon);
  const port = colon < 0 ? "" : addr.slice(colon + 1);
  return `${host === "" ? "0.0.0.0" : host}:${port === "" ? "2377" : port}`;
}

/** POST /swarm/join with the JoinRequest the CLI sends (cli/command/swarm/join.go). */
export function swarmJoinCall(intent: SwarmJoinIntent): EngineCall {
  return {
    method: "POST",
    path: "/swarm/join",
    body: {
      ListenAddr: intent.listenAddr,
      AdvertiseAddr: intent.advertiseAddr,
      DataPathAddr: "",
      RemoteAddrs: [intent.remote],
      JoinToken: intent.token,
      Availability: intent.availability,
    },
    why: "join the swarm that the manager at RemoteAddrs belongs to; the answer comes once this node is in",
    notes: [
      `RemoteAddrs: ${intent.remote} (a manager of that swarm, on its swarm port, usually 2377)`,
      intent.token === ""
        ? "JoinToken: empty, so the manager refuses: `docker swarm join-token worker` on a manager prints one"
        : "JoinToken: the swarm's worker or manager token, which decides the role this node joins as",
      `ListenAddr: ${intent.listenAddr} (where this node listens for the managers' traffic)`,
      intent.advertiseAddr === ""
        ? "AdvertiseAddr: empty, so the daemon picks this machine's address (it refuses if there are several)"
        : `AdvertiseAddr: ${intent.advertiseAddr} (the address other nodes use to reach this one)`,
    ],
  };
}

export const swarmJoinCommand = defineCommand<SwarmJoinIntent>({
  path: ["swarm", "join"],
  aliases: [],
  flags: [
    { long: "token", kind: "string" },
    { long: "advertise-addr", kind: "string" },
    { long: "listen-addr", kind: "string" },
    { long: "availability", kind: "string" },
  ],
  interspersed: true,
  toIntent({ flags, args }) {
    if (args.length !== 1) return refuse(`"docker swarm join" requires exactly 1 argument (HOST:PORT), got ${args.length}`, 1);
    const availability = stringFlag(flags, "availability");
    if (availability !== undefined && !AVAILABILITIES.includes(availability.toLowerCase()))
      return refuse(`invalid availability "${availability}", only active, pause and drain are supported`, 1);
    return {
      remote: args[0] ?? "",
      token: stringFlag(flags, "token") ?? "",
      listenAddr: listenAddress(stringFlag(flags, "listen-addr") ?? ""),
      advertiseAddr: stringFlag(flags, "advertise-addr") ?? "",
      availability: availability?.toLowerCase() ?? "",
    };
  },
  plan: (intent) => [
    toApiCall(swarmJoinCall(intent)),
    toApiCall(infoCall("find the role this node joined as: Swarm.ControlAvailable is true on a manager")),
  ],
  async execute(intent, engine, io) {
    try {
      await sendForNothing(engine, swarmJoinCall(intent));
      const info = (await sendForJson(engine, infoCall("find this node's role"))) as SwarmInfo;
      io.stdout.write(`This node joined a swarm as a ${info.Swarm?.ControlAvailable ? "manager" : "worker"}.\n`);
      return 0;
    } catch (error) {
      return reportDaemonError(error, io);
    }
  },
});
