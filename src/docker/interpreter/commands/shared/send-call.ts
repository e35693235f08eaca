import type { EngineCall } from "../../engine-call.js";
import type { EngineTransport } from "../../transport.js";

/** The response body as the daemon's own text (kept raw so `inspect` prints it as docker does). */
export async function sendForText(engine: EngineTransport, call: EngineCall): Promise<string> {
  const stream = await engine.send(call);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/** The response body parsed; undefined for an empty body (204, 304). */
export async function sendForJson(engine: EngineTransport, call: EngineCall): Promise<unknown> {
  const text = await sendForText(engine, call);
  return text.trim() === "" ? undefined : JSON.parse(text);
}

/**
 * For a call whose answer the command does not use: any success will do, whatever its body. Podman
 * answers a network connect or disconnect with a plain `OK` where Docker sends nothing or JSON.
 */
export async function sendForNothing(engine: EngineTransport, call: EngineCall): Promise<void> {
  await sendForText(engine, call);
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
