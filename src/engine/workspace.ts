import { cpSync, existsSync, mkdirSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { ExitCode, TutorError } from "../errors.js";
import type { CatalogEntry } from "../lessons/catalog.js";

/** Where the learner works on a lesson: `docker-tutor-labs/<slug>/` under the current folder, or --workdir. */
export function workspaceDir(cwd: string, slug: string, workdir: string | undefined): string {
  return workdir ? resolve(cwd, workdir) : join(cwd, "docker-tutor-labs", slug);
}

/**
 * The folder a lesson's commands run in: its workspace, made and filled with its assets, when it has
 * files of its own; otherwise the current folder, and nothing is made.
 */
export function lessonFolder(entry: CatalogEntry, cwd: string, workdir: string | undefined): { dir: string; made: boolean } {
  const usesFiles = entry.lesson.assets.length > 0 || entry.lesson.steps.some((s) => s.solution.some((a) => !("run" in a)));
  if (!usesFiles) return { dir: cwd, made: false };
  const dir = workspaceDir(cwd, entry.lesson.slug, workdir);
  prepareWorkspace(entry, dir);
  return { dir, made: true };
}

/** Copies the lesson's assets in; a file already there (perhaps edited by the learner) is never overwritten. */
export function prepareWorkspace(entry: CatalogEntry, dir: string): { copied: string[]; kept: string[] } {
  mkdirSync(dir, { recursive: true });
  const copied: string[] = [];
  const kept: string[] = [];
  for (const asset of entry.lesson.assets) {
    const target = join(dir, asset);
    if (existsSync(target)) {
      kept.push(asset);
      continue;
    }
    cpSync(join(entry.assetDir, asset), target, { recursive: true, errorOnExist: true, force: false });
    copied.push(asset);
  }
  return { copied, kept };
}

/** A path a solution names, which must stay inside the workspace. */
export function insideWorkspace(dir: string, path: string): string {
  const full = resolve(dir, path);
  const rel = relative(dir, full);
  if (rel.startsWith("..") || isAbsolute(rel)) {
    throw new TutorError(
      `The lesson asks to write ${path}, outside its workspace ${dir}.`,
      "Fix the lesson: solution paths are relative to the workspace.",
      ExitCode.usage,
    );
  }
  return full;
}
