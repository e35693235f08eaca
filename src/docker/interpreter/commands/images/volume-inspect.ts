import { defineCommand, isRefusal, refuse } from "../../command.js";
import { stringFlag } from "../../flags.js";
import { type EngineCall, pathPart, toApiCall } from "../shared/engine-call.js";
import { type InspectFormat, inspectEach, parseInspectFormat } from "../shared/inspect-output.js";

interface VolumeInspectIntent {
  readonly volumes: readonly string[];
  readonly format: InspectFormat;
}

export const volumeInspectCall = (volume: string): EngineCall => ({
  method: "GET",
  path: `/volumes/${pathPart(volume)}`,
  why: `read the volume ${volume}: its driver and where its files live on the daemon's host`,
  notes: ["Mountpoint: the folder on the daemon's host that holds the volume's files"],
});

export const volumeInspectCommand = defineCommand<VolumeInspectIntent>({
  path: ["volume", "inspect"],
  aliases: [],
  flags: [{ long: "format", short: "f", kind: "string" }],
  interspersed: true,
  toIntent({ flags, args }) {
    if (args.length === 0) return refuse('"docker volume inspect" requires at least 1 argument (a volume)');
    const format = parseInspectFormat(stringFlag(flags, "format"));
    return isRefusal(format) ? format : { volumes: args, format };
  },
  plan: (intent) => intent.volumes.map((volume) => toApiCall(volumeInspectCall(volume))),
  execute: (intent, docker, io) => inspectEach(docker, intent.volumes.map(volumeInspectCall), intent.format, io),
});
