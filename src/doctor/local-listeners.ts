import { execFile } from "node:child_process";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { connect } from "node:net";
import type { PortHolder } from "./port-holders.js";

/** What finding a port's holder reads of this machine, passed in so that a unit test is one literal. */
export interface ListenerWorld {
  readonly platform: NodeJS.Platform;
  /** A file's text, or undefined when it cannot be read. */
  readText(path: string): string | undefined;
  /** A folder's entries; none when it cannot be read. */
  list(path: string): string[];
  readLink(path: string): string | undefined;
  /** Runs a program with these arguments (no shell); its standard output, or undefined when it did not run. */
  run(program: string, args: readonly string[]): Promise<string | undefined>;
  /** Whether something on this machine accepts a TCP connection on the port. */
  accepts(port: number): Promise<boolean>;
}

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

/** Parses `lsof -F pc` output (`p<pid>` then `c<command>` lines): the first process listed. Pure. */
export function lsofHolder(output: string): PortHolder | undefined {
  let pid: number | undefined;
  for (const line of output.split("\n")) {
    if (line.startsWith("p")) pid = Number(line.slice(1));
    else if (line.startsWith("c") && pid !== undefined && Number.isInteger(pid)) return { kind: "process", command: line.slice(1), pid };
  }
  return undefined;
}

/**
 * Who listens on a TCP port on this machine. Linux has /proc: its tables say whether the port is
 * taken, its file descriptors by whom. Elsewhere (macOS, the BSDs) lsof names the listener. When
 * neither can, a port that accepts connections is held by a program the tutor cannot name, and
 * the holder says why.
 */
export async function localListener(port: number, world: ListenerWorld): Promise<PortHolder | undefined> {
  const tables = ["/proc/net/tcp", "/proc/net/tcp6"].map((path) => world.readText(path) ?? "").join("\n");
  if (tables.trim() !== "") {
    const inodes = listeningInodes(tables, port);
    if (inodes.length === 0) return undefined;
    return processOwning(new Set(inodes), world) ?? unnamed("it belongs to a process of another user");
  }
  if (world.platform !== "win32") {
    const listed = await world.run("lsof", ["-nP", `-iTCP:${port}`, "-sTCP:LISTEN", "-Fpc"]);
    const holder = listed === undefined ? undefined : lsofHolder(listed);
    if (holder) return holder;
    if (!(await world.accepts(port))) return undefined;
    return unnamed(listed === undefined ? "this machine has no /proc and no lsof to ask" : "lsof does not show its owner");
  }
  return (await world.accepts(port)) ? unnamed("Windows does not tell the tutor") : undefined;
}

const unnamed = (why: string): PortHolder => ({ kind: "unknown", why });

function processOwning(inodes: ReadonlySet<string>, world: ListenerWorld): PortHolder | undefined {
  for (const pid of world.list("/proc").filter((name) => /^\d+$/.test(name))) {
    for (const fd of world.list(`/proc/${pid}/fd`)) {
      const inode = /^socket:\[(\d+)\]$/.exec(world.readLink(`/proc/${pid}/fd/${fd}`) ?? "")?.[1];
      if (inode && inodes.has(inode)) {
        return { kind: "process", command: world.readText(`/proc/${pid}/comm`)?.trim() || "unknown", pid: Number(pid) };
      }
    }
  }
  return undefined;
}

/** This machine, as localListener reads it. */
export function realListenerWorld(platform: NodeJS.Platform): ListenerWorld {
  return {
    platform,
    readText: (path) => attempt(() => readFileSync(path, "utf8")),
    list: (path) => attempt(() => readdirSync(path)) ?? [],
    readLink: (path) => attempt(() => readlinkSync(path)),
    run: (program, args) =>
      new Promise((resolve) => {
        execFile(program, [...args], { timeout: 3000 }, (error, stdout) => {
          // lsof exits 1 when it finds nothing: that is an answer, unlike a program that is missing.
          const ran = !error || (typeof error.code === "number" && error.code === 1);
          resolve(ran ? stdout : undefined);
        });
      }),
    accepts,
  };
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

function attempt<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
