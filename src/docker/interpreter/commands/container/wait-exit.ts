import type { ApiCall } from "../../api-call.js";
import type { EngineTransport } from "../../transport.js";
import { readAll } from "../shared/send-call.js";

export interface ExitStatus {
  readonly code: number;
  /** The daemon's `Error.Message`, when waiting itself failed. */
  readonly error?: string;
}

export interface Waiting {
  readonly status: Promise<ExitStatus>;
  cancel(): void;
}

/**
 * POST /containers/{id}/wait, resolved once the daemon has sent its headers, which it does as soon
 * as the wait is registered (moby `postContainersWait`); only then may the container start.
 */
export async function registerWait(engine: EngineTransport, call: ApiCall): Promise<Waiting> {
  const response = await engine.send(call);
  const status = readAll(response).then(toExitStatus, () => toExitStatus(Buffer.alloc(0)));
  return { status, cancel: () => response.destroy() };
}

/** Never throws: a cancelled wait has no body, and nobody reads its status then. */
function toExitStatus(body: Buffer): ExitStatus {
  let answer: { StatusCode?: number; Error?: { Message?: string } | null };
  try {
    answer = JSON.parse(body.toString("utf8")) as typeof answer;
  } catch {
    return { code: 125, error: "the daemon's wait ended without an exit status" };
  }
  const message = answer.Error?.Message;
  return message ? { code: 125, error: message } : { code: answer.StatusCode ?? 125 };
}
