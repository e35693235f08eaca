import type { ApiCall } from "../../api-call.js";
import type { CommandIO } from "../../command.js";
import type { EngineTransport } from "../../transport.js";
import { fromDaemon, isDaemonAnswer } from "../shared/daemon-failure.js";
import { followJsonLines } from "../shared/json-lines.js";
import { plainView } from "../shared/progress-view.js";

/**
 * Pulls as `docker run` does for a missing image: progress on stderr, as the plain lines the CLI prints
 * when stderr is no terminal. A pull can fail with an HTTP error or, after it started, with an error
 * line inside a 200 stream; both come back as the failure's words.
 */
export async function pullImage(engine: EngineTransport, call: ApiCall, io: CommandIO): Promise<{ failure?: string }> {
  let stream: NodeJS.ReadableStream;
  try {
    stream = await engine.send(call);
  } catch (error) {
    if (!isDaemonAnswer(error)) throw error;
    return { failure: fromDaemon(error) };
  }
  const view = plainView(io.stderr);
  const failure = await followJsonLines(stream, (message) => view.show(message));
  return failure === undefined ? {} : { failure: failure.message };
}
