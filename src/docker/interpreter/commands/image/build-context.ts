import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type PackOptions, pack } from "tar-fs";
import { type IgnorePattern, isIgnored, mayReinclude, parseDockerignore } from "./dockerignore.js";

/**
 * The build context as the docker CLI sends it (archive.TarWithOptions): every file under the context
 * directory except what .dockerignore excludes, in lexical walk order, owned by 0:0, uncompressed. The
 * Dockerfile and .dockerignore always go (build.TrimBuildFilesFromExcludes); the daemon drops them itself.
 */
export async function packBuildContext(contextDir: string, dockerfile: string): Promise<Buffer> {
  const patterns = readPatterns(contextDir);
  const keep = new Set([dockerfile, ".dockerignore"]);
  const entries = contextEntries(contextDir, "", patterns, keep);
  const options: PackOptions & { umask: number } = {
    entries,
    ignore: () => true, // the list is complete: no directory adds its children again
    umask: 0, // modes as they are on disk, as Go's archive writes them (tar-fs would apply the process umask)
    map: (header) => ({ ...header, name: header.type === "directory" ? `${header.name}/` : header.name, uid: 0, gid: 0 }),
  };
  const tar = pack(contextDir, options);
  const chunks: Buffer[] = [];
  for await (const chunk of tar) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function readPatterns(contextDir: string): IgnorePattern[] {
  try {
    return parseDockerignore(readFileSync(join(contextDir, ".dockerignore"), "utf8"));
  } catch {
    return [];
  }
}

/** Relative paths to pack, parents before children; an ignored directory is walked only if `!` may bring something back. */
export function contextEntries(root: string, relative: string, patterns: readonly IgnorePattern[], keep: ReadonlySet<string>): string[] {
  const names = readdirSync(join(root, relative), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return names.flatMap((entry) => {
    const path = relative === "" ? entry.name : `${relative}/${entry.name}`;
    const ignored = !keep.has(path) && isIgnored(patterns, path);
    if (!entry.isDirectory()) return ignored ? [] : [path];
    if (ignored && !mayReinclude(patterns, path)) return [];
    return [...(ignored ? [] : [path]), ...contextEntries(root, path, patterns, keep)];
  });
}
