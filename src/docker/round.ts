import type { DockerReader } from "./reader.js";

type ReadMethod = keyof DockerReader;

/** Every read method, once: `satisfies` makes the compiler insist the list is complete. */
const READ_METHODS = Object.keys({
  info: true,
  listContainers: true,
  listImages: true,
  inspectContainer: true,
  containerLogs: true,
  containerDiff: true,
  exec: true,
  inspectImage: true,
  imageHistory: true,
  listNetworks: true,
  inspectNetwork: true,
  listVolumes: true,
  inspectVolume: true,
  listServicesDetailed: true,
  inspectService: true,
  listTasks: true,
  listNodes: true,
  runThrowaway: true,
  readVolumeFile: true,
} satisfies Record<ReadMethod, true>) as ReadMethod[];

/**
 * The daemon as one round of checks sees it: each distinct call (method + arguments) reaches the
 * daemon once, and every check asking the same question shares the answer (the promise, so even
 * concurrent checks share it). Make a new round for each evaluation: answers are never refreshed.
 */
export function createRound(client: DockerReader): DockerReader {
  const answers = new Map<string, Promise<unknown>>();
  const memoized = <M extends ReadMethod>(method: M): DockerReader[M] => {
    const call = client[method] as (...args: unknown[]) => Promise<unknown>;
    const read = (...args: unknown[]) => {
      const key = `${method}:${JSON.stringify(args)}`;
      let answer = answers.get(key);
      if (!answer) {
        answer = call.apply(client, args);
        answers.set(key, answer);
      }
      return answer;
    };
    return read as DockerReader[M];
  };
  return Object.fromEntries(READ_METHODS.map((method) => [method, memoized(method)])) as unknown as DockerReader;
}
