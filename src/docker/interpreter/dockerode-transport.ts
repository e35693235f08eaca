import type { IncomingMessage } from "node:http";
import type Dockerode from "dockerode";
import type { EngineCall } from "./engine-call.js";
import type { EngineTransport, Upload } from "./transport.js";

type DialOptions = Parameters<Dockerode["modem"]["dial"]>[0];

/** docker-modem fails any status not marked true; 304 ("already started/stopped") is success for the CLI too. */
const SUCCESS = { 200: true, 201: true, 204: true, 304: true } as const;

/**
 * The interpreter's transport over dockerode's modem, the one place it touches dockerode. With a signal,
 * every request it dials is tied to it: aborting cuts them all, and the daemon then stops a pull or a
 * build. Non-2xx answers reject with docker-modem's error (`statusCode`, the daemon's `json.message`).
 */
export function dockerodeTransport(docker: Dockerode, signal?: AbortSignal): EngineTransport {
  const dial = <T>(options: DialOptions): Promise<T> =>
    new Promise((resolve, reject) => {
      docker.modem.dial(signal ? { ...options, abortSignal: signal } : options, (error, result) => {
        if (error) reject(error);
        else resolve(result as T);
      });
    });
  return {
    send: (call, upload) => dial(dialOptions(call, upload)),
    hijack: (call) => dial({ ...dialOptions(call), isStream: undefined, hijack: true }),
    headersOf: async (call) => {
      const answer = await dial<IncomingMessage>(dialOptions(call));
      answer.resume();
      return Object.fromEntries(Object.entries(answer.headers).map(([name, value]) => [name, String(value ?? "")]));
    },
  };
}

/** The call exactly as planned: a list in the query repeats its key; headers as given. */
function dialOptions(call: EngineCall, upload?: Upload): DialOptions {
  const hasQuery = call.query !== undefined && Object.keys(call.query).length > 0;
  const headers: Record<string, string> = { ...call.headers };
  if (upload) headers["Content-Type"] = upload.contentType;
  return {
    path: hasQuery ? `${call.path}?` : call.path,
    method: call.method,
    headers,
    // docker-modem sends `_body` as JSON, or nothing when it is `{}` (unless allowEmpty); without a
    // body it would send the options object. A call that has a body sends it, even an empty `{}`.
    options: { _query: call.query ?? {}, _body: call.body ?? {} },
    ...(call.body === undefined ? {} : { allowEmpty: true }),
    ...(upload ? { file: upload.tar } : {}),
    isStream: true,
    statusCodes: SUCCESS,
  };
}
