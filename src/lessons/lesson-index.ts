import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { lessonFilesIn } from "./lesson-files.js";

/** What `list` and the menu show of a lesson; the built-in ones come from an index made at build time. */
export interface LessonSummary {
  readonly number: number;
  readonly id: string;
  readonly slug: string;
  readonly title: string;
  readonly minutes: number;
  readonly stepIds: readonly string[];
  readonly source: string;
}

interface LessonIndex {
  readonly files: readonly { readonly name: string; readonly sha1: string }[];
  readonly lessons: readonly Omit<LessonSummary, "source">[];
}

export const sha1 = (text: string | Buffer): string => createHash("sha1").update(text).digest("hex");

/**
 * The built-in lessons' summaries from `dist/lesson-index.json`, without loading YAML or the
 * schema (which triple the cold start). Undefined when the index is missing or any lesson file
 * differs from what was indexed: then the caller loads the lessons for real.
 */
export function readLessonIndex(lessonsDir: string): LessonSummary[] | undefined {
  const indexFile = join(dirname(lessonsDir), "dist", "lesson-index.json");
  if (!existsSync(indexFile)) return undefined;
  let index: LessonIndex;
  try {
    index = JSON.parse(readFileSync(indexFile, "utf8")) as LessonIndex;
  } catch {
    return undefined;
  }
  const files = lessonFilesIn(lessonsDir);
  const indexed = new Map(index.files.map((f) => [f.name, f.sha1]));
  const fresh = files.length === indexed.size && files.every((file) => indexed.get(basename(file)) === sha1(readFileSync(file)));
  return fresh ? index.lessons.map((l) => ({ ...l, source: "built-in" })) : undefined;
}
