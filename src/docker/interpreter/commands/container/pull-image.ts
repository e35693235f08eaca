import type { ApiCall } from "../../api-call.js";
import type { CommandIO } from "../../command.js";
import type { EngineTransport } from "../../transport.js";
import { fromDaemon, isDaemonAnswer } from "../shared/daemon-failure.js";
import { parsePullLine, renderPullMessage, takeLines } from "./pull-progress.js";

/**
 * Pulls as `docker run` does for a missing image: progress on stderr, line by line. A pull can
 * fail with an HTTP error or, after it started, with an error line inside a 200 stream; both
 * come back as the failure's words.
 */
export async function pullImage(engine: EngineTransport, call: ApiCall, io: CommandIO): Promise<{ failure?: string }> {
  let stream: NodeJS.ReadableStream;
  try {
    stream = await engine.send(call);
  } catch (error) {
    if (!isDaemonAnswer(error)) throw error;
    return { failure: fromDaemon(error) };
  }
  let buffered = "";
  let failure: string | undefined;
  const show = (line: string) => {
    const rendered = renderPullMessage(parsePullLine(line));
    if ("failure" in rendered) failure ??= rendered.failure;
    else io.stderr.write(rendered.text);
  };
  for await (const chunk of stream) {
    const { lines, rest } = takeLines(buffered + chunk.toString());
    buffered = rest;
    lines.forEach(show);
  }
  if (buffered.trim() !== "") show(buffered);
  return failure === undefined ? {} : { failure };
}
