import type { DockerClient } from "./client.js";
import type { DockerEvent } from "./views.js";

/**
 * The client for a look taken once (a check of every lesson), where several lessons ask the same
 * question at the same moment: a read asked while the same read is under way is answered by that
 * one, and what stands for the whole look is read once (the daemon's info, and its history up to
 * the look's moment). Not for watching the daemon: there a read begun before an event must not
 * answer for after it.
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
  const kept = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    let answer = kept.get(key) as Promise<T> | undefined;
    if (!answer) {
      answer = read();
      kept.set(key, answer);
      // a daemon that did not answer is asked again
      answer.catch(() => kept.delete(key));
    }
    return answer;
  };
  return {
    ...client,
    info: () => once("info", () => client.info()),
    listImages: (options) => shared(`images of ${options?.repository ?? "every repository"}`, () => client.listImages(options)),
    listContainers: (options) => shared(`containers all=${options?.all === true}`, () => client.listContainers(options)),
    // A look back to a given moment is the same for every lesson that asks it; the live stream is each one's own.
    events: (options) => {
      const { since, until, signal } = options;
      if (until === undefined) return client.events(options);
      const read = once(`events ${since?.getTime() ?? "from the first"} to ${until.getTime()}`, () => collect(client.events(options)));
      return replay(read, signal);
    },
  };
}

async function collect(events: AsyncIterable<DockerEvent>): Promise<DockerEvent[]> {
  const all: DockerEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

async function* replay(read: Promise<readonly DockerEvent[]>, signal: AbortSignal): AsyncIterable<DockerEvent> {
  for (const event of await read) {
    if (signal.aborted) return;
    yield event;
  }
}
