import type Dockerode from "dockerode";
import { daemonMessageOf, missingEndpointOf, missingEndpointWords, unlessMissing } from "./docker-errors.js";
import { createJsonLineReader, type ProgressMessage } from "./interpreter/commands/shared/json-lines.js";
import { type LoadAnswer, loadAnswerOf } from "./load-answer.js";

/** Images carried as one `docker save` archive, to a daemon that cannot pull them (`prepare --save/--load`). */
export interface ImageArchive {
  /** What the image takes on the daemon (inspect's Size): about what it adds to an archive. Undefined when it is not here. */
  sizeOf(ref: string): Promise<number | undefined>;
  /** `docker save` of these images, as one tar stream; rejects in the daemon's words when it refuses. */
  save(refs: readonly string[], signal?: AbortSignal): Promise<NodeJS.ReadableStream>;
  /** `docker load` of a tar stream; resolves once the daemon has taken it all, with what it says it loaded. */
  load(tar: NodeJS.ReadableStream, signal?: AbortSignal): Promise<LoadAnswer>;
}

/**
 * The modem without its connection timeout. docker-modem clears that timer only when the answer's
 * headers arrive, and a daemon answers a save or a load late: the classic store writes a whole save
 * to a temporary folder before the first byte (moby image/tarexport/save.go), and a quiet load says
 * nothing until it has read the archive. A large archive would be cut after the 60 s the client allows.
 */
function modemWithoutTimeout(docker: Dockerode): Dockerode["modem"] {
  return Object.create(docker.modem, { connectionTimeout: { value: undefined } }) as Dockerode["modem"];
}

/** The daemon's refusal in its words; an endpoint it lacks in ours. */
function refusal(error: unknown): Error {
  const missing = missingEndpointOf(error);
  return new Error(missing === undefined ? daemonMessageOf(error) : missingEndpointWords(missing), { cause: error });
}

export function createImageArchive(docker: Dockerode): ImageArchive {
  const modem = modemWithoutTimeout(docker);
  const dial = (options: Parameters<Dockerode["modem"]["dial"]>[0]): Promise<NodeJS.ReadableStream> =>
    new Promise((resolve, reject) => {
      modem.dial(options, (error: unknown, stream: unknown) => (error ? reject(refusal(error)) : resolve(stream as NodeJS.ReadableStream)));
    });
  return {
    sizeOf: async (ref) => (await unlessMissing(docker.getImage(ref).inspect()))?.Size,
    save: (refs, signal) =>
      // docker-modem repeats the key for a list: names=a&names=b
      dial({
        path: "/images/get?",
        method: "GET",
        options: { names: [...refs] },
        isStream: true,
        statusCodes: { 200: true, 404: "no such image", 500: "server error" },
        ...(signal ? { abortSignal: signal } : {}),
      }),
    load: async (tar, signal) => {
      const answer = await dial({
        path: "/images/load?",
        method: "POST",
        options: { quiet: true },
        file: tar,
        isStream: true,
        statusCodes: { 200: true, 400: "bad parameter", 500: "server error" },
        ...(signal ? { abortSignal: signal } : {}),
      });
      const messages: ProgressMessage[] = [];
      const reader = createJsonLineReader((message) => messages.push(message));
      for await (const chunk of answer) reader.push(chunk as Buffer);
      reader.end();
      return loadAnswerOf(messages);
    },
  };
}
