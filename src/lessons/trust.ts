import type { CatalogEntry } from "./catalog.js";

/** Built-in lessons and packs the learner trusts run their commands as written; other packs are held to the pack policy. */
export const isTrusted = (entry: Pick<CatalogEntry, "source" | "shellAllowed">): boolean =>
  entry.source === "built-in" || entry.shellAllowed;
