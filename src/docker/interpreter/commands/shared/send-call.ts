import type Dockerode from "dockerode";
import type { EngineCall } from "./engine-call.js";

/**
 * Sends one planned call through dockerode's modem, exactly as planned: method, path, query (a list
 * repeats its key), JSON body or a tar, and headers. Non-2xx answers reject with docker-modem's error
 * (`statusCode`, and the daemon's `json.message`), which `daemon-failure.ts` puts into words.
 */
const SUCCESS = { 200: true, 201: true, 204: true } as const;

export interface Upload {
  readonly tar: Buffer;
  readonly contentType: string;
}

/** The response body as a stream (pull, push and build progress). */
export function sendForStream(docker: Dockerode, call: EngineCall, upload?: Upload): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(dialOptions(call, upload), (error, response) => {
      if (error) reject(error);
      else resolve(response as NodeJS.ReadableStream);
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
