import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type Dockerode from "dockerode";
import type { EngineCall } from "./engine-call.js";

/**
 * Sends one planned call through dockerode's modem, exactly as planned: method, path, query (a list
 * repeats its key), JSON body or a tar, and headers. Non-2xx answers reject with docker-modem's error
 * (`statusCode`, and the daemon's `json.message`), which `daemon-failure.ts` puts into words.
 */
/** docker-modem fails any status not marked true; 304 ("already started/stopped") is success for the CLI too. */
const SUCCESS = { 200: true, 201: true, 204: true, 304: true } as const;

export interface Upload {
  readonly tar: Buffer;
  readonly contentType: string;
}

/** The response body as a stream (pull, push and build progress). */
export function sendForStream(docker: Dockerode, call: EngineCall, upload?: Upload): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(dialOptions(call, upload), (error, response) => {
      if (error) reject(error);
      else resolve(response as IncomingMessage);
    });
  });
}

/** The response body as the daemon's own text (kept raw so `inspect` prints it as docker does). */
export async function sendForText(docker: Dockerode, call: EngineCall): Promise<string> {
  const stream = await sendForStream(docker, call);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/** The response body parsed; undefined for an empty body (204). */
export async function sendForJson(docker: Dockerode, call: EngineCall): Promise<unknown> {
  const text = await sendForText(docker, call);
  return text.trim() === "" ? undefined : JSON.parse(text);
}

function dialOptions(call: EngineCall, upload?: Upload): Parameters<Dockerode["modem"]["dial"]>[0] {
  const hasQuery = call.query !== undefined && Object.keys(call.query).length > 0;
  const headers: Record<string, string> = { ...call.headers };
  if (upload) headers["Content-Type"] = upload.contentType;
  return {
    path: hasQuery ? `${call.path}?` : call.path,
    method: call.method,
    headers,
    // docker-modem sends `_body` as JSON, or nothing when it is `{}`; without a body it would send the options object
    options: { _query: call.query ?? {}, _body: call.body ?? {} },
    ...(upload ? { file: upload.tar } : {}),
    isStream: true,
    statusCodes: SUCCESS,
  };
}

/** An upgraded connection (Upgrade: tcp), as the CLI uses for attach and exec with stdin. */
export function openHijacked(docker: Dockerode, call: EngineCall): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    docker.modem.dial({ ...dialOptions(call), isStream: undefined, hijack: true }, (error, result) => {
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

/** Fills in the `{id}` the plan could not know. */
export function withId<C extends EngineCall>(call: C, id: string): C {
  return { ...call, path: call.path.replace("{id}", id) };
}
