import { normalizeImageRef } from "../docker/image-ref.js";
import type { LoadAnswer } from "../docker/load-answer.js";
import type { ImageSummary } from "../docker/views.js";

/** What one name the daemon reported as loaded means for the machine. */
export type LoadedImage =
  /** It was not here before. */
  | { readonly name: string; readonly outcome: "added" }
  /** The same image was here under that name: nothing changed. */
  | { readonly name: string; readonly outcome: "already-here" }
  /** The name was here for another image, which now has lost it (as `docker load` moves a tag). */
  | { readonly name: string; readonly outcome: "replaced" };

/** Each name (`alpine:latest`) with the id of the image that has it. */
const idsByName = (images: readonly ImageSummary[]): Map<string, string> =>
  new Map(images.flatMap((image) => image.tags.map((tag) => [normalizeImageRef(tag), image.id] as const)));

/**
 * The daemon's answer read against the images it had before the load and has after it. The daemon
 * says "Loaded image: alpine:latest" whether or not it had it, so only the before and after tell.
 * Images the archive held without a name are counted apart (`unnamed`): the daemon gives only their ids.
 */
export function loadedImages(
  answer: LoadAnswer,
  before: readonly ImageSummary[],
  after: readonly ImageSummary[],
): { images: LoadedImage[]; unnamed: { id: string; alreadyHere: boolean }[] } {
  const was = idsByName(before);
  const is = idsByName(after);
  const images = answer.names.map((name): LoadedImage => {
    const key = normalizeImageRef(name);
    const old = was.get(key);
    if (old === undefined) return { name, outcome: "added" };
    return { name, outcome: old === (is.get(key) ?? old) ? "already-here" : "replaced" };
  });
  const knownIds = new Set(before.map((image) => image.id));
  const unnamed = answer.ids.map((id) => ({ id, alreadyHere: knownIds.has(id) }));
  return { images, unnamed };
}
