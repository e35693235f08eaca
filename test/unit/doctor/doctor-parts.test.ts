import { describe, expect, it } from "vitest";
import type { ContainerSummary, ServiceSummary } from "../../../src/docker/views.js";
import { listeningInodes } from "../../../src/doctor/local-listeners.js";
import { describeHolder, dockerHolderOf } from "../../../src/doctor/port-holders.js";
import { interpretIpvsProbe } from "../../../src/doctor/routing-mesh.js";

const container = (name: string, state: string, hostPort?: number): ContainerSummary => ({
  id: name,
  created: new Date(0),
  name,
  image: "nginx:alpine",
  state,
  labels: {},
  ports: hostPort === undefined ? [] : [{ containerPort: 80, hostPort, hostIp: "0.0.0.0", protocol: "tcp" }],
});

describe("dockerHolderOf", () => {
  it("finds the running container that publishes the port", () => {
    const holder = dockerHolderOf(8080, [container("idle", "running"), container("web", "running", 8080)], []);
    expect(holder && describeHolder(holder)).toBe("container web (nginx:alpine)");
  });

  it("ignores stopped containers and other ports", () => {
    expect(dockerHolderOf(8080, [container("old", "exited", 8080), container("api", "running", 8081)], [])).toBeUndefined();
  });

  it("finds a swarm service that publishes it", () => {
    const service: ServiceSummary = {
      id: "s1",
      name: "viz",
      ports: [{ containerPort: 80, hostPort: 8080, hostIp: undefined, protocol: "tcp" }],
    };
    const holder = dockerHolderOf(8080, [], [service]);
    expect(holder && describeHolder(holder)).toBe("swarm service viz");
  });
});

describe("listeningInodes (/proc/net/tcp)", () => {
  const table = [
    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
    "   0: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0",
    "   1: 0100007F:1F90 0100007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 4343 1 0000000000000000 100 0 0 10 0",
    "   2: 0100007F:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4444 1 0000000000000000 100 0 0 10 0",
  ].join("\n");

  it("returns the inodes of sockets listening on the port, not established ones", () => {
    expect(listeningInodes(table, 8080)).toEqual(["4242"]);
    expect(listeningInodes(table, 80)).toEqual(["4444"]);
    expect(listeningInodes(table, 5000)).toEqual([]);
  });
});

describe("interpretIpvsProbe", () => {
  it.each([
    ["ipvs=loaded\n", "available"],
    ["ipvs=module\n", "available"],
    ["ipvs=configured\n", "available"],
    ["ipvs=absent\n", "missing"],
    ["sh: not found", "unknown"],
  ])("%j → %s", (output, status) => {
    expect(interpretIpvsProbe(output, "6.1.0").status).toBe(status);
  });

  it("names the kernel in its evidence", () => {
    expect(interpretIpvsProbe("ipvs=absent", "5.15.0-x").evidence).toBe("the daemon's kernel has no IPVS (kernel 5.15.0-x)");
  });
});
