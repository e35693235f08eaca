import { ImageRef, isImageRef } from "../../../image-ref.js";
import { defineCommand, refuse } from "../../command.js";
import { type EngineCall, pathPart, toApiCall } from "../../engine-call.js";
import { reportFailure } from "../shared/daemon-failure.js";
import { sendForNothing } from "../shared/send-call.js";

interface TagIntent {
  readonly source: string;
  readonly target: ImageRef;
}

/** POST /images/{source}/tag: the source as typed, the new name in full with its tag (`latest` if none). */
export function tagCall(intent: TagIntent): EngineCall {
  const tag = intent.target.tag ?? "latest";
  return {
    method: "POST",
    path: `/images/${pathPart(intent.source)}/tag`,
    query: { repo: intent.target.name, tag },
    why: `give the image ${intent.source} a second name, ${intent.target.name}:${tag}; no layer is copied`,
    notes: [`repo: ${intent.target.name} (the full name)`, `tag: ${tag}`],
  };
}

export const tagCommand = defineCommand<TagIntent>({
  path: ["image", "tag"],
  aliases: [["tag"]],
  flags: [],
  interspersed: true,
  toIntent({ args }) {
    if (args.length !== 2)
      return refuse(`"docker tag" requires exactly 2 arguments (SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]), got ${args.length}`);
    const [source = "", target = ""] = args;
    const parsed = ImageRef.parse(target);
    if (!isImageRef(parsed)) return refuse(`Error parsing reference: "${target}" is not a valid repository/tag: ${parsed.problem}`);
    if (parsed.digest !== undefined) return refuse(`refusing to create a tag with a digest reference: ${target}`);
    return { source, target: parsed.withDefaultTag() };
  },
  plan: (intent) => [toApiCall(tagCall(intent))],
  async execute(intent, engine, io) {
    try {
      await sendForNothing(engine, tagCall(intent));
      return 0;
    } catch (error) {
      return reportFailure(io, error);
    }
  },
});
