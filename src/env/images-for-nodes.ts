import type { DockerClient } from "../docker/client.js";
import { pullQuietly } from "../docker/quiet-pull.js";

export interface ImagesForNodes {
  readonly pulled: readonly string[];
  readonly notPulled: readonly string[];
}

/**
 * A playground copies into its nodes the lesson's images the host has, and nodes without a registry
 * (offline, or a mirror on the host's loopback) have nothing else. So the images missing here (a
 * fresh daemon, or one an earlier lesson's cleanup took) are pulled first, each said as it starts.
 */
export async function pullImagesForNodes(
  client: DockerClient,
  images: readonly string[],
  options: { readonly signal?: AbortSignal; readonly say: (text: string) => void },
): Promise<ImagesForNodes> {
  const pulled: string[] = [];
  const notPulled: string[] = [];
  for (const image of images) {
    if (options.signal?.aborted || (await client.inspectImage(image))) continue;
    options.say(`Pulling ${image} to copy into the nodes`);
    const done = await pullQuietly(client, image, options.signal ? { signal: options.signal } : {});
    (done ? pulled : notPulled).push(image);
  }
  return { pulled, notPulled };
}
