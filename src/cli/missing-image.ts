import type { DockerClient } from "../docker/client.js";
import { isImageRef, normalizeImageRef } from "../docker/image-ref.js";
import type { Lesson } from "../lessons/schema.js";
import { nearestName } from "../text/nearest-name.js";
import { missingImageSentence } from "./missing-image-words.js";
import { askRegistry } from "./registry-answer.js";

/**
 * After a `docker run`, `create` or `pull` failed: when its image is not on this machine, one
 * sentence (missing-image-words.ts). Undefined for any other failure.
 */
export async function missingImageTip(
  line: string,
  client: DockerClient,
  env: { vars: Readonly<Record<string, string | undefined>>; cwd: string },
  lesson: Pick<Lesson, "number" | "requires">,
): Promise<string | undefined> {
  const { interpret } = await import("../docker/interpreter/interpret.js");
  const interpretation = interpret(line, env);
  if (!interpretation.ok) return undefined;
  const intent = interpretation.intent as { image?: unknown; ref?: unknown };
  // `docker pull` fills in the tag; the learner is shown the name as they wrote it.
  const typed =
    typeof intent.image === "string"
      ? intent.image
      : isImageRef(intent.ref)
        ? intent.ref.familiarString.replace(/:latest$/, "")
        : undefined;
  if (typed === undefined || (await client.inspectImage(typed))) return undefined;
  const [answer, local] = await Promise.all([askRegistry(client, typed), client.listImages()]);
  const lessonImages = lesson.requires.images;
  return missingImageSentence({
    typed,
    near: nearImage(typed, [...lessonImages, ...local.flatMap((i) => i.tags)]),
    answer,
    lessonImages,
    lessonNeedsIt: lessonImages.some((i) => normalizeImageRef(i) === normalizeImageRef(typed)),
    lessonNumber: lesson.number,
  });
}

/** The known image closest in spelling, compared as docker prints them (`hello-world`, not `docker.io/library/hello-world:latest`). */
export function nearImage(typed: string, known: readonly string[]): string | undefined {
  const short = (ref: string) => normalizeImageRef(ref).replace(/:latest$/, "");
  const candidates = [...new Set(known.filter((k) => !k.startsWith("<none>")).map(short))];
  // `hello-world:lates` is near `hello-world:latest`, which is shown as `hello-world`
  const withTags = candidates.map(normalizeImageRef);
  const tagged = nearestName(normalizeImageRef(typed), withTags);
  return nearestName(short(typed), candidates) ?? (tagged === undefined ? undefined : short(tagged));
}
