import { defineCommand, isRefusal, refuse } from "../../command.js";
import { stringFlag } from "../../flags.js";
import { type EngineCall, pathPart, toApiCall } from "../shared/engine-call.js";
import { type InspectFormat, inspectEach, parseInspectFormat } from "../shared/inspect-output.js";

interface ImageInspectIntent {
  readonly images: readonly string[];
  readonly format: InspectFormat;
}

/** GET /images/{name}/json, the name as typed: the daemon resolves short names, tags and ids. */
export const imageInspectCall = (image: string): EngineCall => ({
  method: "GET",
  path: `/images/${pathPart(image)}/json`,
  why: `read everything the daemon knows about the image ${image}`,
  notes: [
    "Config: the defaults a container starts with (Cmd, Env, ExposedPorts, WorkingDir)",
    "RootFS.Layers: the layer digests, oldest first",
  ],
});

export const imageInspectCommand = defineCommand<ImageInspectIntent>({
  path: ["image", "inspect"],
  aliases: [],
  flags: [{ long: "format", short: "f", kind: "string" }],
  interspersed: true,
  toIntent({ flags, args }) {
    if (args.length === 0) return refuse('"docker image inspect" requires at least 1 argument (an image)');
    const format = parseInspectFormat(stringFlag(flags, "format"));
    return isRefusal(format) ? format : { images: args, format };
  },
  plan: (intent) => intent.images.map((image) => toApiCall(imageInspectCall(image))),
  execute: (intent, docker, io) => inspectEach(docker, intent.images.map(imageInspectCall), intent.format, io),
});
