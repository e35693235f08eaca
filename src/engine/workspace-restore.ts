import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { CatalogEntry } from "../lessons/catalog.js";
import { readInWorkspace, writeInWorkspace } from "./workspace-files.js";

/**
 * A redo starts clean (issue 18): `reset` puts the lesson's own files back in its workspace, so a
 * lesson done twice behaves the same both times (lesson 3 builds 1.0 from the page it ships, not
 * from the one the learner copied over it).
 */

/** The workspace's copies of the lesson's files that differ from the lesson's: gone, or changed (a link counts as changed). */
export interface WorkspaceDrift {
  readonly missing: readonly string[];
  readonly changed: readonly string[];
}

/** Every file among the lesson's assets, as a path relative to the workspace with where the lesson keeps it. */
export function lessonFiles(entry: CatalogEntry): { path: string; source: string; mode: number }[] {
  const walk = (path: string): { path: string; source: string; mode: number }[] => {
    const source = join(entry.assetDir, path);
    const stat = lstatSync(source);
    if (stat.isDirectory()) return readdirSync(source).flatMap((name) => walk(join(path, name)));
    return stat.isFile() ? [{ path, source, mode: stat.mode & 0o777 }] : [];
  };
  return entry.lesson.assets.flatMap(walk);
}

const exists = (path: string) => {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
};

/** How the workspace `dir` differs from the lesson's files; nothing when it does not exist (the next start copies them all). */
export function workspaceDrift(entry: CatalogEntry, dir: string): WorkspaceDrift {
  const missing: string[] = [];
  const changed: string[] = [];
  if (!exists(dir)) return { missing, changed };
  for (const file of lessonFiles(entry)) {
    if (!exists(join(dir, file.path))) {
      missing.push(file.path);
      continue;
    }
    let same = false;
    try {
      same = readInWorkspace(dir, file.path).equals(readFileSync(file.source));
    } catch {
      // a link, a folder where a file was, a file it may not read: not the lesson's file
    }
    if (!same) changed.push(file.path);
  }
  return { missing, changed };
}

/** Writes the lesson's version of each of `paths` into the workspace, never through a link (workspace-files.ts). */
export function restoreFiles(entry: CatalogEntry, dir: string, paths: readonly string[]): void {
  const wanted = new Set(paths);
  for (const file of lessonFiles(entry).filter((f) => wanted.has(f.path))) {
    writeInWorkspace(dir, file.path, readFileSync(file.source), file.mode);
  }
}
