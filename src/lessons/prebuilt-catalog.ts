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

/** `dist/lesson-index.json`: what `list` and the menu show of each built-in lesson, a small file to read. */
export interface PrebuiltIndex {
  readonly files: PrebuiltCatalog["files"];
  readonly lessons: readonly BuiltInSummary[];
}

export interface BuiltInSummary {
  readonly number: number;
  readonly id: string;
  readonly slug: string;
  readonly title: string;
  readonly minutes: number;
  readonly stepIds: readonly string[];
}

/** The index of the lessons a catalog holds, as the build writes it beside the catalog. */
export function indexOf(catalog: PrebuiltCatalog): PrebuiltIndex {
  return {
    files: catalog.files,
    lessons: catalog.entries.map(({ lesson: l }) => ({
      number: l.number,
      id: l.id,
      slug: l.slug,
      title: l.title,
      minutes: l.minutes,
      stepIds: l.steps.map((s) => s.id),
    })),
  };
}

/** A file of dist/ the build made from the lesson files, if it is there and every lesson file is still the one built. */
function readFresh<T extends { readonly files: PrebuiltCatalog["files"] }>(lessonsDir: string, name: string): T | undefined {
  const file = join(dirname(lessonsDir), "dist", name);
  if (!existsSync(file)) return undefined;
  let prebuilt: T;
  try {
    prebuilt = JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
  const files = lessonFilesIn(lessonsDir);
  const built = new Map(prebuilt.files.map((f) => [f.name, f.sha1]));
  const fresh = files.length === built.size && files.every((f) => built.get(basename(f)) === sha1(readFileSync(f)));
  return fresh ? prebuilt : undefined;
}

/**
 * The built-in lessons without loading YAML or the schema. Undefined when the prebuilt file is
 * missing or any lesson file differs from what was built: then the caller loads them for real.
 */
export function readPrebuiltCatalog(lessonsDir: string): CatalogEntry[] | undefined {
  const prebuilt = readFresh<PrebuiltCatalog>(lessonsDir, "lessons.json");
  return prebuilt?.entries.map(({ fileName, lesson, variables }) => {
    const path = join(lessonsDir, fileName);
    return { lesson, variables, file: path, assetDir: path.replace(/\.ya?ml$/, ""), source: "built-in", shellAllowed: false };
  });
}

/** The built-in lessons' summaries, without reading every lesson's steps; undefined as for readPrebuiltCatalog. */
export function readPrebuiltIndex(lessonsDir: string): readonly BuiltInSummary[] | undefined {
  return readFresh<PrebuiltIndex>(lessonsDir, "lesson-index.json")?.lessons;
}
