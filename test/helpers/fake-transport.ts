import { Readable, Writable } from "node:stream";
import { callLine } from "../../src/docker/interpreter/api-call.js";
import type { CommandIO } from "../../src/docker/interpreter/command.js";
import { type EngineCall, toApiCall } from "../../src/docker/interpreter/engine-call.js";
import { runLine } from "../../src/docker/interpreter/interpret.js";
import type { DaemonAnswer, EngineTransport } from "../../src/docker/interpreter/transport.js";

/** What the fake daemon answers to one request: a body (JSON, or text as it is), or an error status and its message. */
export type FakeAnswer =
  | { readonly body?: unknown }
  | { readonly headers: Readonly<Record<string, string>> }
  | { readonly status: number; readonly message: string }
  | { readonly unreachable: string };

/**
 * A transport that answers from a table keyed by the request line as `explain` prints it ("GET /networks",
 * "DELETE /volumes/data?force=1"), and records every line it was sent. A request the table does not
 * name fails the test, so a command cannot make a call nobody expected.
 */
export function fakeTransport(answers: Readonly<Record<string, FakeAnswer>>): EngineTransport & { readonly sent: string[] } {
  const sent: string[] = [];
  const answer = (call: EngineCall): Readable => {
    const line = callLine(toApiCall(call));
    sent.push(line);
    const found = answers[line];
    if (found === undefined) throw new Error(`the fake daemon has no answer for ${line}`);
    if ("unreachable" in found) throw Object.assign(new Error(found.unreachable), { code: "ECONNREFUSED" });
    if ("status" in found) throw daemonAnswer(found.status, found.message);
    if ("headers" in found) return Object.assign(Readable.from([Buffer.from("OK")]), { headers: found.headers });
    const body = found.body === undefined ? "" : typeof found.body === "string" ? found.body : JSON.stringify(found.body);
    return Readable.from([Buffer.from(body)]);
  };
  return {
    sent,
    send: async (call) => answer(call),
    headersOf: async (call) => {
      const answered: Readable & { headers?: Record<string, string> } = answer(call);
      return answered.headers ?? {};
    },
    hijack: async (call) => {
      throw new Error(`the fake daemon does not upgrade connections (${callLine(toApiCall(call))})`);
    },
  };
}

/** docker-modem's error for an error status, which is what the interpreter reads the daemon's words from. */
export function daemonAnswer(statusCode: number, message: string): DaemonAnswer {
  return Object.assign(new Error(`(HTTP code ${statusCode}) unexpected - ${message} `), { statusCode, json: { message } });
}

/** Runs one command line against `engine`; what it printed and its exit code. */
export async function runAgainst(
  engine: EngineTransport,
  line: string,
  io: Partial<CommandIO> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const sink = (add: (text: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        add(chunk.toString());
        done();
      },
    });
  const code = await runLine(line, { vars: {}, cwd: "/work" }, engine, {
    stdout: sink((text) => (stdout += text)),
    stderr: sink((text) => (stderr += text)),
    cwd: "/work",
    ...io,
  });
  return { code, stdout, stderr };
}
