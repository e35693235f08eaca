import type { DockerClient } from "../docker/client.js";
import { isImageRef } from "../docker/image-ref.js";
import { pullFailureReason } from "../docker/pull-failure.js";
import { askRegistry } from "./registry-answer.js";

/**
 * After a `docker run`, `create` or `pull` failed: when its image is not on this machine, say so,
 * why the registry would not give it, and how to have it there for offline lessons. Undefined for
 * any other failure.
 */
export async function missingImageTip(
  line: string,
  client: DockerClient,
  env: { vars: Readonly<Record<string, string | undefined>>; cwd: string },
): Promise<string | undefined> {
  const { interpret } = await import("../docker/interpreter/interpret.js");
  const interpretation = interpret(line, env);
  if (!interpretation.ok) return undefined;
  const intent = interpretation.intent as { image?: unknown; ref?: unknown };
  const image =
    typeof intent.image === "string" ? intent.image : isImageRef(intent.ref) ? intent.ref.withDefaultTag().familiarString : undefined;
  if (image === undefined || (await client.inspectImage(image))) return undefined;
  const answer = await askRegistry(client, image);
  const because = answer?.pullable === false ? `: ${pullFailureReason(answer.why)}` : "";
  return `The image \`${image}\` is not on this machine and could not be pulled${because}. While online, \`docker-tutor prepare\` pulls every image the lessons need.`;
}
