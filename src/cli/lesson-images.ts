import { normalizeImageRef } from "../docker/image-ref.js";
import { DEFAULT_NODE_IMAGE } from "../env/playground-plan.js";
import type { CatalogEntry } from "../lessons/catalog.js";

/** An image some lessons need, and which. */
export interface NeededImage {
  readonly image: string;
  readonly lessons: readonly number[];
}

/** The images the lessons declare, each once, in lesson order. */
export function imagesNeeded(entries: readonly CatalogEntry[]): NeededImage[] {
  const byImage = new Map<string, number[]>();
  for (const entry of entries) {
    for (const image of entry.lesson.requires.images) {
      const key = normalizeImageRef(image);
      byImage.set(key, [...(byImage.get(key) ?? []), entry.lesson.number]);
    }
  }
  return [...byImage].map(([image, lessons]) => ({ image, lessons }));
}

/** The playground's node image, for the lessons that run on nodes. */
function nodeImageNeeded(entries: readonly CatalogEntry[]): NeededImage[] {
  const lessons = entries.filter((e) => e.lesson.requires.nodes !== undefined).map((e) => e.lesson.number);
  return lessons.length === 0 ? [] : [{ image: normalizeImageRef(DEFAULT_NODE_IMAGE), lessons }];
}

/** Everything the lessons need on the learner's daemon: their images, then the node image if they use nodes. */
export const imagesForLessons = (entries: readonly CatalogEntry[]): NeededImage[] => [
  ...imagesNeeded(entries),
  ...nodeImageNeeded(entries),
];

/** "(lesson 3)" or "(lessons 1, 2)". */
export const forLessons = (lessons: readonly number[]): string => `(lesson${lessons.length > 1 ? "s" : ""} ${lessons.join(", ")})`;
