import { posix } from "node:path";
import type Dockerode from "dockerode";
import { daemonMessageOf, isNotFound } from "./docker-errors.js";
import { firstFileOf } from "./tar-file.js";

/** What a read of a file in a volume found: its text, or that it is not there. */
export type VolumeFile = { readonly found: true; readonly content: string } | { readonly found: false };

/**
 * A file in a volume, read through the archive endpoint of a container that already mounts the
 * volume (`docker cp` from it): no container is started, so it costs one request where a
 * throwaway reader costs a create, a start and a removal. Undefined when no container mounts
 * the volume where the file can be seen, or the daemon cannot answer this way (the caller falls
 * back to a throwaway reader).
 */
export async function readVolumeFileThroughHolder(docker: Dockerode, volume: string, path: string): Promise<VolumeFile | undefined> {
  const relative = posix.normalize(path.replace(/^\/+/, ""));
  if (relative.startsWith("..")) return undefined;
  const holders = await docker.listContainers({ all: true, filters: { volume: [volume] } }).catch(() => []);
  for (const holder of holders) {
    const mounts = holder.Mounts ?? [];
    const mount = mounts.find((m) => m.Type === "volume" && m.Name === volume);
    if (!mount) continue;
    const target = posix.join(mount.Destination, relative);
    // Another mount inside the volume's that covers the file hides it there: read it elsewhere.
    const hidden = mounts.some(
      (m) => m !== mount && m.Destination.startsWith(`${mount.Destination}/`) && target.startsWith(`${m.Destination}/`),
    );
    if (hidden) continue;
    try {
      const archive = await docker.getContainer(holder.Id).getArchive({ path: target });
      const file = firstFileOf(await collect(archive));
      return file === undefined ? { found: false } : { found: true, content: file.toString("utf8") };
    } catch (error) {
      // The file is not there; a container removed meanwhile says nothing about it.
      if (isNotFound(error) && !/no such container/i.test(daemonMessageOf(error))) return { found: false };
    }
  }
  return undefined;
}

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}
