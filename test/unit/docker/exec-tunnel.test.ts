import { Duplex, PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { unframed } from "../../../src/docker/exec-tunnel.js";

const frame = (stream: 1 | 2, text: string) => {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
};

/** A hijacked exec connection: what the tutor writes lands in `sent`; `daemon` plays the exec's framed output. */
function execConnection() {
  const daemon = new PassThrough();
  const sent: Buffer[] = [];
  const socket = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, done) {
      sent.push(chunk);
      done();
    },
  });
  daemon.on("data", (chunk: Buffer) => socket.push(chunk));
  daemon.on("end", () => socket.push(null));
  return { socket, daemon, sent };
}

async function readAll(stream: Duplex): Promise<string> {
  let text = "";
  for await (const chunk of stream) text += String(chunk);
  return text;
}

describe("an exec as a connection (dial-stdio through the outer daemon)", () => {
  it("writes go to the exec's stdin as they are; its stdout frames come back as one byte stream, split anywhere; stderr is dropped", async () => {
    const { socket, daemon, sent } = execConnection();
    const stream = unframed(socket);
    stream.write("GET /_ping HTTP/1.1\r\n\r\n");
    const reply = Buffer.concat([frame(1, "HTTP/1.1 200 OK\r\n"), frame(2, "dial-stdio: warning"), frame(1, "\r\nOK")]);
    // Cut across a header and a payload, as TCP may deliver it.
    daemon.write(reply.subarray(0, 5));
    daemon.write(reply.subarray(5, 30));
    daemon.end(reply.subarray(30));
    expect(await readAll(stream)).toBe("HTTP/1.1 200 OK\r\n\r\nOK");
    expect(Buffer.concat(sent).toString()).toBe("GET /_ping HTTP/1.1\r\n\r\n");
  });

  it("answers the socket methods an HTTP agent calls on a kept-alive connection", () => {
    const stream = unframed(execConnection().socket) as Duplex & Record<string, (...args: unknown[]) => unknown>;
    for (const method of ["setKeepAlive", "setNoDelay", "setTimeout", "ref", "unref"]) expect(stream[method]?.()).toBe(stream);
  });

  it("destroying the connection ends the exec", () => {
    const { socket } = execConnection();
    unframed(socket).destroy();
    expect(socket.destroyed).toBe(true);
  });
});
