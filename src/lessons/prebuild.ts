import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { loadCatalog } from "./catalog.js";
import { builtInLessonsDir, lessonFilesIn } from "./lesson-files.js";
import { type PrebuiltCatalog, sha1 } from "./prebuilt-catalog.js";

/** Run by the build: the built-in lessons, validated, as JSON the CLI can read without the schema. */
export function prebuildCatalog(): PrebuiltCatalog {
  const dir = builtInLessonsDir();
  return {
    files: lessonFilesIn(dir).map((file) => ({ name: basename(file), sha1: sha1(readFileSync(file)) })),
    entries: loadCatalog([], {}).map(({ lesson, file, variables }) => ({ fileName: basename(file), lesson, variables })),
  };
}

/** Run by the build after prebuildCatalog: the summaries `list` reads (dist/lesson-index.json). */
export { indexOf as prebuildIndex } from "./prebuilt-catalog.js";
