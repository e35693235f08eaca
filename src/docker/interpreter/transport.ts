import type { Duplex, Readable } from "node:stream";
import type { EngineCall } from "./engine-call.js";

/** A request body that is not JSON: the build context, as a tar. */
export interface Upload {
  readonly tar: Buffer;
  readonly contentType: string;
}

/**
 * All the interpreter's commands need of the daemon: send a planned call exactly as planned (method, path,
 * query, headers, a JSON body or an upload) and read the answer, or open an upgraded connection.
 * dockerode-transport.ts makes one from dockerode; unit tests pass a fake.
 *
 * An error status rejects with an error carrying `statusCode` and the daemon's words in `json.message`
 * (docker-modem's shape, which daemon-failure.ts reads); 304 ("already started") is success, as for the
 * CLI. No answer at all rejects with an error that has no status.
 */
export interface EngineTransport {
  /** The response body as it arrives: progress streams, logs, waits, and every JSON answer. */
  send(call: EngineCall, upload?: Upload): Promise<Readable>;
  /** An upgraded connection (`Upgrade: tcp`), as the CLI uses for attach and exec. */
  hijack(call: EngineCall): Promise<Duplex>;
  /** The headers of the answer, names in lower case: what `/_ping` says (`builder-version`, `api-version`). */
  headersOf(call: EngineCall): Promise<Readonly<Record<string, string>>>;
}

/** The error a transport rejects with when the daemon answers with an error status. */
export interface DaemonAnswer extends Error {
  readonly statusCode: number;
  readonly json: { readonly message: string };
}
