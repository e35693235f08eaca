import { mkdtempSync, rmSync } from "node:fs";
import { connect, createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DAEMON_SOCKET } from "./engine-api.js";

/** A unix socket somewhere else that forwards to the real daemon, counting who came through it. */
export interface SocketProxy {
  readonly path: string;
  readonly connections: () => number;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export async function startSocketProxy(target = DAEMON_SOCKET): Promise<SocketProxy> {
  const dir = mkdtempSync(join(tmpdir(), "dtt-proxy-"));
  const path = join(dir, "docker.sock");
  let count = 0;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    count += 1;
    const upstream = connect(target);
    open.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  const close = async () => {
    for (const s of open) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  };
  return { path, connections: () => count, close, [Symbol.asyncDispose]: close };
}
