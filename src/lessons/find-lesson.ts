import { ExitCode, TutorError } from "../errors.js";
import type { CatalogEntry } from "./catalog.js";

/** `3`, `bind-mounts` or the lesson id. */
export function findLesson(catalog: readonly CatalogEntry[], ref: string): CatalogEntry {
  const found = /^\d+$/.test(ref)
    ? catalog.find((e) => e.lesson.number === Number(ref))
    : catalog.find((e) => e.lesson.slug === ref || e.lesson.id === ref);
  if (!found) {
    const known = catalog.map((e) => `${e.lesson.number} ${e.lesson.slug}`).join(", ");
    throw new TutorError(
      `There is no lesson "${ref}".`,
      `Pick one of: ${known || "(none)"}; \`docker-tutor list\` shows them all.`,
      ExitCode.usage,
    );
  }
  return found;
}
