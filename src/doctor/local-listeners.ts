import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { connect } from "node:net";
import type { PortHolder } from "./port-holders.js";

const TCP_LISTEN = "0A";

/** Parses /proc/net/tcp{,6}: the socket inodes listening on a port. Pure. */
export function listeningInodes(procNetTcp: string, port: number): string[] {
  const inodes: string[] = [];
  for (const line of procNetTcp.split("\n").slice(1)) {
    const fields = line.trim().split(/\s+/);
    const local = fields[1];
    if (!local || fields[3] !== TCP_LISTEN) continue;
    const portHex = local.slice(local.lastIndexOf(":") + 1);
    if (Number.parseInt(portHex, 16) === port && fields[9]) inodes.push(fields[9]);
  }
  return inodes;
}

/**
 * Who listens on a TCP port on this machine. On Linux it reads /proc (names the process when
 * we may see its file descriptors); elsewhere it only knows whether something accepts.
 */
export async function localListener(port: number, platform: NodeJS.Platform): Promise<PortHolder | undefined> {
  if (platform === "linux") {
    const tables = ["/proc/net/tcp", "/proc/net/tcp6"].map(readOrEmpty).join("\n");
    const inodes = listeningInodes(tables, port);
    if (inodes.length > 0) return processOwning(new Set(inodes)) ?? { kind: "process", command: "another program", pid: undefined };
    if (tables.trim() !== "") return undefined;
  }
  return (await accepts(port)) ? { kind: "process", command: "another program", pid: undefined } : undefined;
}

function processOwning(inodes: ReadonlySet<string>): PortHolder | undefined {
  for (const pid of safeList("/proc").filter((name) => /^\d+$/.test(name))) {
    for (const fd of safeList(`/proc/${pid}/fd`)) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode && inodes.has(inode)) {
        return { kind: "process", command: readOrEmpty(`/proc/${pid}/comm`).trim() || "unknown", pid: Number(pid) };
      }
    }
  }
  return undefined;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port, timeout: 500 });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
    socket.once("timeout", () => done(false));
  });
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

function safeList(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}
