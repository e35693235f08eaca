import { defineCommand, isRefusal, refuse } from "../../command.js";
import { boolFlag, stringFlag } from "../../flags.js";
import { toApiCall } from "../shared/engine-call.js";
import { type InspectFormat, inspectEach, parseInspectFormat } from "../shared/inspect-output.js";
import { serviceInspectCall } from "./service-calls.js";

interface ServiceInspectIntent {
  readonly services: readonly string[];
  readonly format: InspectFormat;
}

const why = "read the service: its spec (image, mode, replicas, networks, ports) and the endpoint the swarm gave it";

export const serviceInspectCommand = defineCommand<ServiceInspectIntent>({
  path: ["service", "inspect"],
  aliases: [],
  flags: [
    { long: "format", short: "f", kind: "string" },
    { long: "pretty", kind: "bool" },
  ],
  interspersed: true,
  toIntent({ flags, args }) {
    if (args.length === 0) return refuse('"docker service inspect" requires at least 1 argument (a service)');
    if (boolFlag(flags, "pretty")) return refuse("the interpreter does not print --pretty; the docker CLI does");
    const format = parseInspectFormat(stringFlag(flags, "format"));
    return isRefusal(format) ? format : { services: args, format };
  },
  plan: (intent) => intent.services.map((s) => toApiCall(serviceInspectCall(s, why, true))),
  execute: (intent, docker, io) =>
    inspectEach(
      docker,
      intent.services.map((s) => serviceInspectCall(s, why, true)),
      intent.format,
      io,
    ),
});
