import { lstatSync, mkdirSync, readdirSync, readFileSync, type Stats, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { ExitCode, TutorError } from "../errors.js";
import type { CatalogEntry } from "../lessons/catalog.js";
import { createInWorkspace, makeFolderInside } from "./workspace-files.js";

/** Where the learner works on a lesson: `docker-tutor-labs/<slug>/` under the current folder, or --workdir. */
export function workspaceDir(cwd: string, slug: string, workdir: string | undefined): string {
  return workdir ? resolve(cwd, workdir) : join(cwd, "docker-tutor-labs", slug);
}

/**
 * The folder a lesson's commands run in: its workspace, made and filled with its assets, when it has
 * files of its own; otherwise the current folder, and nothing is made.
 */
export function lessonFolder(
  entry: CatalogEntry,
  cwd: string,
  workdir: string | undefined,
  uid: number | undefined = process.getuid?.(),
): { dir: string; made: boolean } {
  const usesFiles = entry.lesson.assets.length > 0 || entry.lesson.steps.some((s) => s.solution.some((a) => !("run" in a)));
  if (!usesFiles) return { dir: cwd, made: false };
  const dir = workspaceDir(cwd, entry.lesson.slug, workdir);
  // The folder that holds every lesson's workspace is reused too (say in /tmp): whoever owns it could swap a workspace.
  if (!workdir) refuseForeignFolder(join(cwd, "docker-tutor-labs"), uid);
  prepareWorkspace(entry, dir, uid);
  return { dir, made: true };
}

/**
 * Copies the lesson's assets in; a file already there (perhaps edited by the learner) is never
 * overwritten, and nothing is written through a link (workspace-files.ts).
 */
export function prepareWorkspace(
  entry: CatalogEntry,
  dir: string,
  uid: number | undefined = process.getuid?.(),
): { copied: string[]; kept: string[] } {
  refuseForeignFolder(dir, uid);
  mkdirSync(dir, { recursive: true });
  const copied: string[] = [];
  const kept: string[] = [];
  for (const asset of entry.lesson.assets) {
    if (lstatOrUndefined(join(dir, asset))) {
      kept.push(asset);
      continue;
    }
    copyAsset(join(entry.assetDir, asset), dir, asset);
    copied.push(asset);
  }
  return { copied, kept };
}

/** One asset, a file or a folder of them, to `path` in the workspace; files already there stay. */
function copyAsset(source: string, workspace: string, path: string): void {
  // The loader refused packs with links (pack-links.ts): one appearing since is not followed either.
  const stat = lstatSync(source);
  if (stat.isDirectory()) {
    makeFolderInside(workspace, path);
    for (const name of readdirSync(source)) copyAsset(join(source, name), workspace, join(path, name));
  } else if (stat.isFile()) {
    createInWorkspace(workspace, path, readFileSync(source), stat.mode & 0o777);
  } else {
    throw new TutorError(
      `The lesson's asset ${source} is not a plain file or folder.`,
      "Lesson packs hold plain files and folders only.",
      ExitCode.usage,
    );
  }
}

/**
 * A workspace someone else owns is refused: a folder reused under /tmp, say, whose owner could
 * have planted links in it, or could swap its files while the lesson runs. Neither the folder
 * nor a link to it may belong to another user; a folder still to be made may not be made inside
 * another user's (root's, such as /tmp, are shared on purpose). Windows has no uid to compare.
 */
export function refuseForeignFolder(dir: string, uid: number | undefined): void {
  if (uid === undefined) return;
  const link = lstatOrUndefined(dir);
  if (!link) {
    const parent = dirname(dir);
    const above = parent === dir ? undefined : existingAbove(parent);
    if (above && above.stat.uid !== uid && above.stat.uid !== 0) throw foreign(above.path, above.stat.uid);
    return;
  }
  let target: Stats;
  try {
    target = statSync(dir);
  } catch {
    target = link;
  }
  const owner = [link, target].find((s) => s.uid !== uid)?.uid;
  if (owner !== undefined) throw foreign(dir, owner);
}

function foreign(dir: string, owner: number): TutorError {
  return new TutorError(
    `The folder ${dir} belongs to another user (uid ${owner}), so a lesson will not work in it.`,
    "Run the lesson in a folder of your own: cd to one, or pass --workdir DIR.",
    ExitCode.usage,
  );
}

/** The nearest folder at or above `path` that exists, with what stat says of it. */
function existingAbove(path: string): { path: string; stat: Stats } | undefined {
  for (let at = path; ; at = dirname(at)) {
    try {
      return { path: at, stat: statSync(at) };
    } catch {
      if (dirname(at) === at) return undefined;
    }
  }
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}
