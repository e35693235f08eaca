import { Agent } from "node:http";
import { Duplex } from "node:stream";
import type Dockerode from "dockerode";
import { frameSplitter } from "./stream-frames.js";

/**
 * An HTTP agent whose every connection is `docker system dial-stdio` run in a container through
 * the outer daemon's exec API: the daemon inside that container (a playground node), reached with
 * no route to the container and no port, the way the docker CLI's ssh:// transport reaches a daemon
 * through ssh. The container needs the docker CLI, as docker:dind has it.
 */
export function execTunnelAgent(docker: Dockerode, containerId: string, options: { readonly keepAlive: boolean }): Agent {
  // A connection kept alive is a dial-stdio process kept running in the node, until this process ends.
  const agent = new Agent({ keepAlive: options.keepAlive, maxSockets: 6 });
  const open = (_options: unknown, callback: (error: Error | null, stream?: Duplex) => void) => {
    openTunnel(docker, containerId).then(
      (stream) => callback(null, stream),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
    );
    return undefined;
  };
  Object.assign(agent, { createConnection: open });
  return agent;
}

async function openTunnel(docker: Dockerode, containerId: string): Promise<Duplex> {
  const exec = await docker.getContainer(containerId).exec({
    Cmd: ["docker", "system", "dial-stdio"],
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
  });
  const socket = (await exec.start({ hijack: true, stdin: true })) as unknown as Duplex & { ref?(): void; unref?(): void };
  return unframed(socket);
}

/**
 * The exec's stdin and stdout as one byte stream: what is written goes to dial-stdio's stdin as it
 * is, and its stdout comes back out of the exec's frames (stderr, where dial-stdio complains, is
 * dropped). It also answers the socket methods an HTTP agent calls on a connection it keeps alive.
 */
export function unframed(socket: Duplex & { ref?(): void; unref?(): void }): Duplex {
  const sink = { write: () => true } as unknown as NodeJS.WritableStream;
  const stream = new Duplex({
    write(chunk: Buffer, _encoding, done) {
      socket.write(chunk, done);
    },
    final(done) {
      socket.end();
      done();
    },
    read() {
      socket.resume();
    },
    destroy(error, done) {
      socket.destroy();
      done(error);
    },
  });
  const frames = frameSplitter({
    stdout: {
      write: (chunk: Buffer) => {
        if (stream.push(chunk)) return true;
        socket.pause();
        return false;
      },
    } as unknown as NodeJS.WritableStream,
    stderr: sink,
  });
  socket.on("data", (chunk: Buffer) => frames.push(chunk));
  socket.on("end", () => stream.push(null));
  socket.on("close", () => stream.destroy());
  socket.on("error", (error) => stream.destroy(error));
  return Object.assign(stream, {
    setKeepAlive: () => stream,
    setNoDelay: () => stream,
    setTimeout: () => stream,
    ref: () => {
      socket.ref?.();
      return stream;
    },
    unref: () => {
      socket.unref?.();
      return stream;
    },
  });
}
