import { describe, expect, it } from "vitest";
import { localListener, lsofHolder } from "../../../src/doctor/local-listeners.js";
import { describeHolder, freeingAdvice } from "../../../src/doctor/port-holders.js";
import { fakeListenerWorld } from "../../helpers/fake-world.js";

const HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";
/** A /proc/net/tcp with one socket listening on port 8030 (0x1F5E), inode 777. */
const TCP = `${HEADER}\n   0: 00000000:1F5E 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 777 1 0 100 0 0 10 0\n`;
const LSOF = "lsof -nP -iTCP:8030 -sTCP:LISTEN -Fpc";

describe("localListener: who holds a port of this machine", () => {
  it("Linux: /proc names the process whose file descriptor is the listening socket", async () => {
    const world = fakeListenerWorld({
      files: { "/proc/net/tcp": TCP, "/proc/4242/comm": "nginx\n" },
      dirs: { "/proc": ["1", "4242", "self"], "/proc/1/fd": ["0"], "/proc/4242/fd": ["0", "5"] },
      links: { "/proc/1/fd/0": "/dev/null", "/proc/4242/fd/5": "socket:[777]" },
    });
    expect(await localListener(8030, world)).toEqual({ kind: "process", command: "nginx", pid: 4242 });
    expect(await localListener(8031, world)).toBeUndefined();
    expect(world.ran).toEqual([]);
  });

  it("Linux: a socket of another user's process is held, by a program it says it cannot name", async () => {
    const holder = await localListener(8030, fakeListenerWorld({ files: { "/proc/net/tcp": TCP }, dirs: { "/proc": ["1"] } }));
    expect(holder && describeHolder(holder)).toBe("a program the tutor could not name (it belongs to a process of another user)");
  });

  it("macOS (no /proc): lsof names the listener", async () => {
    const world = fakeListenerWorld({ platform: "darwin", programs: { [LSOF]: "p512\ncControlCe\n" }, accepting: [8030] });
    const holder = await localListener(8030, world);
    expect(holder).toEqual({ kind: "process", command: "ControlCe", pid: 512 });
    expect(world.ran).toEqual([LSOF]);
  });

  it("macOS: lsof finds nothing and nothing accepts: the port is free", async () => {
    expect(await localListener(8030, fakeListenerWorld({ platform: "darwin", programs: { [LSOF]: "" } }))).toBeUndefined();
  });

  it("no /proc and no lsof: a port that accepts connections is held, and the holder says it could not tell who", async () => {
    const holder = await localListener(8030, fakeListenerWorld({ platform: "darwin", accepting: [8030] }));
    expect(holder && describeHolder(holder)).toBe("a program the tutor could not name (this machine has no /proc and no lsof to ask)");
    expect(holder && freeingAdvice(holder)).toContain("lsof -nP -iTCP -sTCP:LISTEN");
    expect(await localListener(8031, fakeListenerWorld({ platform: "darwin", accepting: [8030] }))).toBeUndefined();
  });

  it("lsof that cannot see the owner (another user's process): held, owner unknown", async () => {
    const holder = await localListener(8030, fakeListenerWorld({ platform: "darwin", programs: { [LSOF]: "" }, accepting: [8030] }));
    expect(holder).toEqual({ kind: "unknown", why: "lsof does not show its owner" });
  });

  it("Windows: says it could not tell, without running lsof", async () => {
    const world = fakeListenerWorld({ platform: "win32", accepting: [8030] });
    expect(await localListener(8030, world)).toEqual({ kind: "unknown", why: "Windows does not tell the tutor" });
    expect(world.ran).toEqual([]);
  });
});

describe("lsofHolder (lsof -F pc)", () => {
  it.each<[string, unknown]>([
    ["p512\ncControlCe\n", { kind: "process", command: "ControlCe", pid: 512 }],
    ["p77\ncnode\np78\ncother\n", { kind: "process", command: "node", pid: 77 }],
    ["", undefined],
    ["cnode\n", undefined],
  ])("%j", (output, expected) => {
    expect(lsofHolder(output)).toEqual(expected);
  });
});
