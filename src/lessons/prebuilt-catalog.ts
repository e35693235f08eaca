import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { CatalogEntry } from "./catalog.js";
import { lessonFilesIn } from "./lesson-files.js";
import type { Lesson } from "./schema.js";

/** `dist/lessons.json`: the built-in lessons as the build validated them. */
export interface PrebuiltCatalog {
  readonly files: readonly { readonly name: string; readonly sha1: string }[];
  readonly entries: readonly { readonly fileName: string; readonly lesson: Lesson; readonly variables: Readonly<Record<string, string>> }[];
}

export const sha1 = (text: string | Buffer): string => createHash("sha1").update(text).digest("hex");

/**
 * The built-in lessons without loading YAML or the schema. Undefined when the prebuilt file is
 * missing or any lesson file differs from what was built: then the caller loads them for real.
 */
export function readPrebuiltCatalog(lessonsDir: string): CatalogEntry[] | undefined {
  const file = join(dirname(lessonsDir), "dist", "lessons.json");
  if (!existsSync(file)) return undefined;
  let prebuilt: PrebuiltCatalog;
  try {
    prebuilt = JSON.parse(readFileSync(file, "utf8")) as PrebuiltCatalog;
  } catch {
    return undefined;
  }
  const files = lessonFilesIn(lessonsDir);
  const built = new Map(prebuilt.files.map((f) => [f.name, f.sha1]));
  const fresh = files.length === built.size && files.every((f) => built.get(basename(f)) === sha1(readFileSync(f)));
  if (!fresh) return undefined;
  return prebuilt.entries.map(({ fileName, lesson, variables }) => {
    const path = join(lessonsDir, fileName);
    return { lesson, variables, file: path, assetDir: path.replace(/\.ya?ml$/, ""), source: "built-in", shellAllowed: false };
  });
}
