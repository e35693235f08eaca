import type { DockerClient } from "../docker/client.js";
import { pullFailureReason } from "../docker/pull-failure.js";
import { withinTime } from "../within-time.js";

const REGISTRY_ANSWER_MS = 5000;

/**
 * After a `docker run`, `create` or `pull` failed: when its image is not on this machine, say so,
 * why the registry would not give it (asked again, since the command's own output went to the
 * terminal), and how to have it there for offline lessons. Undefined for any other failure.
 */
export async function missingImageTip(
  line: string,
  client: DockerClient,
  env: { vars: Readonly<Record<string, string | undefined>>; cwd: string },
): Promise<string | undefined> {
  const { interpret } = await import("../docker/interpreter/interpret.js");
  const { familiarString, withDefaultTag } = await import("../docker/interpreter/commands/shared/image-reference.js");
  const interpretation = interpret(line, env);
  if (!interpretation.ok) return undefined;
  const intent = interpretation.intent as { image?: unknown; ref?: unknown };
  const image =
    typeof intent.image === "string"
      ? intent.image
      : intent.ref && typeof intent.ref === "object" && "path" in intent.ref
        ? familiarString(withDefaultTag(intent.ref as Parameters<typeof withDefaultTag>[0]))
        : undefined;
  if (image === undefined || (await client.inspectImage(image))) return undefined;
  // A registry that does not answer could hold the prompt for the daemon's whole timeout.
  const why = await withinTime(
    client.whyNotPullable(image).catch((error: unknown) => (error instanceof Error ? error.message : String(error))),
    REGISTRY_ANSWER_MS,
  );
  const because = why === undefined ? "" : `: ${pullFailureReason(why)}`;
  return `The image \`${image}\` is not on this machine and could not be pulled${because}. While online, \`docker-tutor prepare\` pulls every image the lessons need.`;
}
