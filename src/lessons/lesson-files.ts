import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const LESSON_FILE = /^\d+-[a-z0-9-]+\.ya?ml$/;

/** Lesson files of one folder (`NN-slug.yaml`), in number order. */
export function lessonFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => LESSON_FILE.test(name))
    .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10) || a.localeCompare(b))
    .map((name) => join(dir, name));
}

/** The lessons that ship in the package: `lessons/` beside package.json, wherever this code runs from. */
export function builtInLessonsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "lessons"))) return join(dir, "lessons");
    const parent = dirname(dir);
    if (parent === dir) throw new Error("the built-in lessons folder is missing from the package");
    dir = parent;
  }
}
