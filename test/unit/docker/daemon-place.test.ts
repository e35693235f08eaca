import { describe, expect, it } from "vitest";
import { type PlaceEvidence, placeOf, sharesLocalhost } from "../../../src/docker/daemon-place.js";

const linux = { hostname: "laptop", platform: "linux" as const, homeDir: "/home/ada" };
const mac = { hostname: "mac", platform: "darwin" as const, homeDir: "/Users/ada" };
const engine = { name: "laptop", operatingSystem: "Debian GNU/Linux 12 (bookworm)", labels: [] };
const place = (host: string, daemon: Partial<PlaceEvidence["daemon"]> = {}, tutor: PlaceEvidence["tutor"] = linux) =>
  placeOf({ host, daemon: { ...engine, ...daemon }, tutor });

describe("where the daemon runs", () => {
  it("the default socket, rootless and a loopback tcp port: this machine", () => {
    expect(place("unix:///var/run/docker.sock")).toEqual({ kind: "local" });
    expect(place("unix:///run/user/1000/docker.sock")).toEqual({ kind: "local" });
    expect(place("tcp://127.0.0.1:2375", { name: "elsewhere" })).toEqual({ kind: "local" });
    expect(place("npipe:////./pipe/docker_engine")).toEqual({ kind: "local" });
  });

  it("Docker Desktop, by what it says of itself or by its socket: its VM, with the folders it shares", () => {
    expect(place("unix:///var/run/docker.sock", { operatingSystem: "Docker Desktop", name: "docker-desktop" }, mac)).toEqual({
      kind: "vm",
      product: "Docker Desktop",
      shared: ["/Users", "/Volumes", "/private", "/tmp", "/var/folders"],
    });
    expect(place("unix:///home/ada/.docker/desktop/docker.sock")).toMatchObject({ kind: "vm", shared: ["/home/ada"] });
    expect(place("unix:///Users/ada/.colima/default/docker.sock", {}, mac)).toMatchObject({ kind: "vm", product: "Colima" });
  });

  it("a playground node the tutor made: its daemon's labels say so", () => {
    const labels = ["docker-tutor.env=play", "docker-tutor.env.node=node1"];
    expect(place("tcp://172.23.0.2:2376", { name: "node1", labels })).toEqual({ kind: "node", playground: "play", node: "node1" });
    // Reached at its TLS port published on loopback, its ports and folders are still the node's.
    expect(place("tcp://127.0.0.1:49153", { name: "node1", labels })).toEqual({ kind: "node", playground: "play", node: "node1" });
    // Reached through its own socket (a shell on the node), it is that machine's own daemon.
    expect(place("unix:///var/run/docker.sock", { labels })).toEqual({ kind: "local" });
  });

  it("tcp or ssh to another machine: remote, unless the daemon has this machine's name", () => {
    expect(place("tcp://10.0.0.5:2375", { name: "server" })).toEqual({ kind: "remote", host: "tcp://10.0.0.5:2375" });
    expect(place("ssh://ada@server", { name: "server" })).toEqual({ kind: "remote", host: "ssh://ada@server" });
    expect(place("tcp://192.168.1.20:2375", { name: "LAPTOP" })).toEqual({ kind: "local" });
  });

  it("published ports reach this machine's localhost only on it or from a VM that forwards them", () => {
    expect(sharesLocalhost({ kind: "local" })).toBe(true);
    expect(sharesLocalhost({ kind: "vm", product: "Docker Desktop", shared: [] })).toBe(true);
    expect(sharesLocalhost({ kind: "node", playground: "p", node: "node1" })).toBe(false);
    expect(sharesLocalhost({ kind: "remote", host: "ssh://x" })).toBe(false);
  });
});
