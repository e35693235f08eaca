import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  writeFileSync,
} from "node:fs";
import { dirname, isAbsolute, join, relative, sep } from "node:path";
import { ExitCode, TutorError } from "../errors.js";

/**
 * Files a lesson writes and copies in its workspace, never anywhere else (issue 17, "No links out").
 * A container the lesson runs can plant a link in a bind-mounted workspace (`ln -s ~ home`), and a
 * reused folder can hold links already: each folder on the way is made only when the one above it
 * resolves inside the workspace, the last folder's real path must be inside the workspace's, and
 * the file itself is opened with O_NOFOLLOW, so a final link is refused, never followed.
 */

/** O_NOFOLLOW where the platform has it (Windows does not: it has no such links for a lesson to plant). */
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

/** Writes `content` to `path` (relative to the workspace), replacing a file that is there. */
export function writeInWorkspace(workspace: string, path: string, content: string | Uint8Array, mode?: number): void {
  const full = placeInside(workspace, path, "write");
  writeOpened(full, path, workspace, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC, content, mode);
}

/** Writes a new file only: one that is there already (perhaps edited by the learner) is left as it is. */
export function createInWorkspace(workspace: string, path: string, content: Uint8Array, mode?: number): boolean {
  const full = placeInside(workspace, path, "write");
  try {
    writeOpened(full, path, workspace, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, content, mode);
    return true;
  } catch (error) {
    if (error instanceof TutorError && codeOf(error.cause) === "EEXIST") return false;
    throw error;
  }
}

/** `cp from to` inside the workspace: neither side may be a link, nor lie in a folder outside it. */
export function copyInWorkspace(workspace: string, from: string, to: string): void {
  writeInWorkspace(workspace, to, readInWorkspace(workspace, from));
}

/** A file's bytes, when the file and its folder are inside the workspace and the file is no link. */
export function readInWorkspace(workspace: string, path: string): Buffer {
  const full = resolvedInside(workspace, path, "read");
  refuseOutsideFolder(workspace, dirname(full), path, "read");
  let fd: number;
  try {
    fd = openSync(full, constants.O_RDONLY | NO_FOLLOW);
  } catch (error) {
    throw refusal(error, full, path, workspace, "read");
  }
  try {
    if (!fstatSync(fd).isFile()) throw new TutorError(`The lesson asks to read ${path}, which is not a file.`, FIX, ExitCode.usage);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes the folder `path` (relative to the workspace) and those above it, as a write would. */
export function makeFolderInside(workspace: string, path: string): void {
  makeFolders(workspace, resolvedInside(workspace, path, "write"), path);
}

/** Makes `folder`'s folders one at a time, each only below a folder that resolves inside the workspace. */
function makeFolders(workspace: string, folder: string, path: string): void {
  const parts = relative(workspace, folder)
    .split(sep)
    .filter((p) => p !== "");
  let dir = workspace;
  for (const part of parts) {
    const next = join(dir, part);
    if (!existsSync(next)) {
      refuseOutsideFolder(workspace, dir, path, "write");
      try {
        mkdirSync(next);
      } catch (error) {
        throw refusal(error, next, path, workspace, "write");
      }
    }
    dir = next;
  }
  refuseOutsideFolder(workspace, dir, path, "write");
}

const FIX = "Remove the link from the workspace, or start the lesson in a fresh one with --workdir; a lesson reads and writes only there.";

function placeInside(workspace: string, path: string, verb: Verb): string {
  const full = resolvedInside(workspace, path, verb);
  makeFolders(workspace, dirname(full), path);
  return full;
}

function writeOpened(full: string, path: string, workspace: string, flags: number, content: string | Uint8Array, mode?: number): void {
  let fd: number;
  try {
    fd = openSync(full, flags | NO_FOLLOW, mode ?? 0o666);
  } catch (error) {
    throw refusal(error, full, path, workspace, "write");
  }
  try {
    writeFileSync(fd, content);
  } finally {
    closeSync(fd);
  }
}

type Verb = "read" | "write";

/** The path, which must not climb out of the workspace by its words alone (`..`, absolute). */
function resolvedInside(workspace: string, path: string, verb: Verb): string {
  const full = join(workspace, path);
  const rel = relative(workspace, full);
  if (isAbsolute(path) || rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new TutorError(
      `The lesson asks to ${verb} ${path}, outside its workspace ${workspace}.`,
      "Fix the lesson: solution paths are relative to the workspace.",
      ExitCode.usage,
    );
  }
  return full;
}

/** `dir`'s real path must be the workspace's or below it: a link on the way may not lead out. */
function refuseOutsideFolder(workspace: string, dir: string, path: string, verb: Verb): void {
  const root = realpathSync(workspace);
  let real: string;
  try {
    real = realpathSync(dir);
  } catch (error) {
    throw refusal(error, dir, path, workspace, verb);
  }
  const rel = relative(root, real);
  if (rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel))) return;
  throw new TutorError(
    `The lesson asks to ${verb} ${path}, but ${relative(workspace, dir) || "."} in its workspace ${workspace} leads to ${real}, outside it.`,
    FIX,
    ExitCode.usage,
  );
}

/** What the file system said, as the one sentence a learner needs: a final link, a dangling one, or the error. */
function refusal(error: unknown, at: string, path: string, workspace: string, verb: Verb): TutorError {
  const code = codeOf(error);
  const link = linkTarget(at);
  if (code === "ELOOP" || code === "EMLINK" || link !== undefined) {
    return new TutorError(
      `The lesson asks to ${verb} ${path}, but ${relative(workspace, at)} in its workspace ${workspace} is a link${link === undefined ? "" : ` to ${link}`}, which the tutor never follows.`,
      FIX,
      ExitCode.usage,
      [],
      { cause: error },
    );
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new TutorError(
    `The lesson could not ${verb} ${path} in its workspace ${workspace}: ${reason}.`,
    "Check what is at that path in the workspace: the lesson expects a file it made or copied there.",
    ExitCode.usage,
    [],
    { cause: error },
  );
}

function linkTarget(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}

function codeOf(error: unknown): string {
  return typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
}
