import { normalizeImageRef } from "../docker/image-ref.js";
import type { Lesson } from "../lessons/schema.js";

/** What the lessons need from a daemon: their images, and the host ports they publish by default. */
export interface LessonNeeds {
  readonly images: readonly string[];
  readonly ports: readonly number[];
}

/** The union of the lessons' `requires`, each image and port once, in lesson order. */
export function lessonNeeds(lessons: readonly Lesson[]): LessonNeeds {
  const images = new Set<string>();
  const ports = new Set<number>();
  for (const lesson of lessons) {
    for (const image of lesson.requires.images) images.add(normalizeImageRef(image));
    for (const port of lesson.requires.ports) ports.add(port);
  }
  return { images: [...images], ports: [...ports].sort((a, b) => a - b) };
}

/** Images with a shell that a probe container can run, best first. */
export const PROBE_IMAGES: readonly string[] = ["busybox:latest", "alpine:latest", "nginx:alpine", "nginx:latest"];
