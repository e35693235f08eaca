import { lstatSync, readdirSync, readlinkSync } from "node:fs";
import { join } from "node:path";
import type { LessonProblem } from "./lesson-problems.js";

/*
 * Links among what the tutor reads of a lesson: its file and everything under its asset folder, each
 * entry looked at by lstat (issue 17, "No links out"). A link in a pack could make the tutor copy
 * `~/.ssh/id_ed25519` into a workspace, or a file onto `~/.bashrc`; a pack holds plain files and
 * folders, so any link is refused, wherever it leads.
 */

/** Every link at or under `path`, in name order. */
export function linksUnder(path: string): LessonProblem[] {
  const own = linkProblem(path);
  if (own.length > 0) return own;
  let names: string[];
  try {
    if (!lstatSync(path).isDirectory()) return [];
    names = readdirSync(path);
  } catch {
    return [];
  }
  return names.sort().flatMap((name) => linksUnder(join(path, name)));
}

/** `path` itself, when it is a link. */
export function linkProblem(path: string): LessonProblem[] {
  let target: string;
  try {
    if (!lstatSync(path).isSymbolicLink()) return [];
    target = readlinkSync(path);
  } catch {
    return [];
  }
  return [
    {
      file: path,
      line: 1,
      col: 1,
      what: `a link (to ${JSON.stringify(target)}) in a lesson pack, which may hold only plain files and folders`,
      fix: "replace the link with a copy of the file or folder it points to",
    },
  ];
}
