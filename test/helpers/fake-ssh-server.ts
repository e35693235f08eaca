import { createServer, type Server } from "node:net";

/** SSH_MSG_KEXINIT (RFC 4253 §7.1): the client's key exchange offer, its first binary packet. */
const KEXINIT = 20;

/**
 * A TCP port that answers like an SSH server's first line and, once the client has sent its version
 * line and key exchange offer, a packet of impossible length: enough to prove an ssh client runs,
 * and to make it fail at once, without a real sshd.
 */
export interface FakeSshServer {
  readonly port: number;
  /** The client's version line (`SSH-2.0-…`), once one has arrived. */
  clientVersion(): string | undefined;
  /** Whether a client got as far as its key exchange offer. */
  sawKeyExchange(): boolean;
  close(): Promise<void>;
}

export async function startFakeSshServer(): Promise<FakeSshServer> {
  let version: string | undefined;
  let keyExchange = false;
  const server: Server = createServer((socket) => {
    let received = Buffer.alloc(0);
    socket.write("SSH-2.0-OpenSSH_9.2 fake\r\n");
    socket.on("data", (chunk) => {
      received = Buffer.concat([received, chunk]);
      const lineEnd = received.indexOf("\r\n");
      if (lineEnd < 0) return;
      version = received.subarray(0, lineEnd).toString("latin1");
      // A binary packet: 4 bytes of length, 1 of padding length, then the message number.
      const packet = received.subarray(lineEnd + 2);
      if (packet.length < 6) return;
      keyExchange = packet[5] === KEXINIT;
      // A packet no client can read: it fails with an error. (A bare hang-up here is another
      // matter: docker-modem's ssh agent then never answers the request.)
      socket.end(Buffer.from([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]));
    });
    socket.on("error", () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the fake ssh server has no TCP port");
  return {
    port: address.port,
    clientVersion: () => version,
    sawKeyExchange: () => keyExchange,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
