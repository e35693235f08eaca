import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type Dockerode from "dockerode";
import type { ApiCall } from "../../api-call.js";

/**
 * Sends a planned ApiCall through dockerode's modem, so `execute` makes exactly the calls `plan`
 * shows: same method, path, query and body (dockerode's own helpers would copy the body into the
 * query string or add parameters of their own).
 */

/** docker-modem fails any status not marked true. 304 ("already started/stopped") is success for the CLI too. */
const STATUS_CODES = {
  200: true,
  201: true,
  204: true,
  304: true,
  400: "bad parameter",
  404: "no such object",
  409: "conflict",
  500: "server error",
  503: "unavailable",
} as const;

/** Fills in the `{id}` the plan could not know. */
export function withId(call: ApiCall, id: string): ApiCall {
  return { ...call, path: call.path.replace("{id}", id) };
}

function dialOptions(call: ApiCall) {
  // The modem appends the query to a path ending in "?"; an empty body ({}) is not sent.
  return {
    path: `${call.path}?`,
    method: call.method,
    options: { _query: call.query ?? {}, _body: call.body ?? {} },
    statusCodes: { ...STATUS_CODES },
  };
}

/** The daemon's JSON answer (undefined for an empty one). */
export async function sendCall(docker: Dockerode, call: ApiCall): Promise<unknown> {
  const text = (await readAll(await openStream(docker, call))).toString("utf8");
  return text.trim() === "" ? undefined : JSON.parse(text);
}

/** Resolves once the daemon has answered with its headers: for wait, that is when it is registered. */
export function openStream(docker: Dockerode, call: ApiCall): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    docker.modem.dial({ ...dialOptions(call), isStream: true }, (error, result) => {
      if (error) reject(error);
      else resolve(result as IncomingMessage);
    });
  });
}

/** An upgraded connection (Upgrade: tcp), as the CLI uses for attach and exec with stdin. */
export function openHijacked(docker: Dockerode, call: ApiCall): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    docker.modem.dial({ ...dialOptions(call), hijack: true }, (error, result) => {
      if (error) reject(error);
      else resolve(result as Duplex);
    });
  });
}

/** The whole body; a hijacked socket may only close, never end. */
export function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const done = () => resolve(Buffer.concat(chunks));
    stream.on("data", (chunk: Buffer | string) => chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk));
    stream.once("end", done);
    stream.once("close", done);
    stream.once("error", reject);
  });
}
