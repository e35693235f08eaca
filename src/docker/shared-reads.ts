import type { DockerClient } from "./client.js";

/**
 * The client, with a read asked while the same read is under way answered by that one: for a look
 * taken once (a check of every lesson), where several lessons ask for the daemon's info, images or
 * containers at the same moment. Not for watching the daemon: there a read begun before an event
 * must not answer for after it.
 */
export function withSharedReads(client: DockerClient): DockerClient {
  const underWay = new Map<string, Promise<unknown>>();
  const shared = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    const pending = underWay.get(key);
    if (pending) return pending as Promise<T>;
    const started = read().finally(() => underWay.delete(key));
    underWay.set(key, started);
    return started;
  };
  return {
    ...client,
    info: () => shared("info", () => client.info()),
    listImages: (options) => shared(`images of ${options?.repository ?? "every repository"}`, () => client.listImages(options)),
    listContainers: (options) => shared(`containers all=${options?.all === true}`, () => client.listContainers(options)),
  };
}
