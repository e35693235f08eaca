import { mkdtempSync, rmSync } from "node:fs";
import { connect, createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DAEMON_SOCKET } from "./engine-api.js";

/** A unix socket somewhere else that forwards to the real daemon, counting who came through it. */
export interface SocketProxy {
  readonly path: string;
  readonly connections: () => number;
  /** From now on nothing more reaches the daemon: a daemon that hangs, as far as the client can tell. */
  stall(): void;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export async function startSocketProxy(target = DAEMON_SOCKET): Promise<SocketProxy> {
  const dir = mkdtempSync(join(tmpdir(), "dtt-proxy-"));
  const path = join(dir, "docker.sock");
  let count = 0;
  let stalled = false;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    count += 1;
    open.add(client);
    if (stalled) return;
    const upstream = connect(target);
    open.add(upstream);
    client.on("data", (chunk) => {
      if (!stalled) upstream.write(chunk);
    });
    upstream.pipe(client);
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
  const stall = () => {
    stalled = true;
  };
  return { path, connections: () => count, stall, close, [Symbol.asyncDispose]: close };
}
