import { defineCommand, refuse } from "../../command.js";
import { type EngineCall, pathPart, toApiCall } from "../../engine-call.js";
import { boolFlag } from "../../flags.js";
import { daemonFailureText, isMissing } from "../shared/daemon-failure.js";
import { sendForJson } from "../shared/send-call.js";

interface ImageRmIntent {
  readonly images: readonly string[];
  readonly force: boolean;
  readonly prune: boolean;
}

/** DELETE /images/{name}: untag it, and delete its layers once no name or container uses them. */
export function imageRmCall(image: string, intent: ImageRmIntent): EngineCall {
  const query = { ...(intent.force ? { force: "1" } : {}), ...(intent.prune ? {} : { noprune: "1" }) };
  return {
    method: "DELETE",
    path: `/images/${pathPart(image)}`,
    ...(Object.keys(query).length > 0 ? { query } : {}),
    why: `remove the name ${image}, and the image itself when nothing else uses it`,
    notes: intent.force
      ? ["force=1: remove it even if other names or stopped containers use it"]
      : ["without -f the daemon refuses an image that a container uses"],
  };
}

export const imageRmCommand = defineCommand<ImageRmIntent>({
  path: ["image", "rm"],
  aliases: [["rmi"], ["image", "remove"]],
  flags: [
    { long: "force", short: "f", kind: "bool" },
    { long: "no-prune", kind: "bool" },
  ],
  interspersed: true,
  toIntent({ flags, args }) {
    if (args.length === 0) return refuse('"docker rmi" requires at least 1 argument (an image)');
    return { images: args, force: boolFlag(flags, "force") === true, prune: boolFlag(flags, "no-prune") !== true };
  },
  plan: (intent) => intent.images.map((image) => toApiCall(imageRmCall(image, intent))),
  async execute(intent, engine, io) {
    const failures: string[] = [];
    let fatal = false;
    for (const image of intent.images) {
      try {
        const removed = await sendForJson(engine, imageRmCall(image, intent));
        io.stdout.write(removalLines(removed));
      } catch (error) {
        fatal ||= !isMissing(error);
        failures.push(daemonFailureText(error));
      }
    }
    if (failures.length === 0) return 0;
    io.stderr.write(`${failures.join("\n")}\n`);
    // like the CLI: with -f, images that do not exist are reported but are no failure
    return intent.force && !fatal ? 0 : 1;
  },
});

/** "Untagged: alpine:latest" / "Deleted: sha256:…" for each entry of the answer. */
function removalLines(answer: unknown): string {
  if (!Array.isArray(answer)) return "";
  return answer
    .map((entry: { Deleted?: unknown; Untagged?: unknown }) =>
      typeof entry.Deleted === "string" && entry.Deleted !== ""
        ? `Deleted: ${entry.Deleted}\n`
        : `Untagged: ${String(entry.Untagged ?? "")}\n`,
    )
    .join("");
}
