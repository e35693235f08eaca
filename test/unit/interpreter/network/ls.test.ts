import { describe, expect, it } from "vitest";
import { networksTable } from "../../../../src/docker/interpreter/commands/network/ls.js";
import { fakeTransport, runAgainst } from "../../../helpers/fake-transport.js";

describe("docker network ls", () => {
  it("sorts networks by name, naturally", () => {
    const networks = ["net10", "bridge", "net2", "host"].map((Name, i) => ({
      Id: `${i}`.repeat(64),
      Name,
      Driver: "bridge",
      Scope: "local",
    }));
    expect(
      networksTable(networks, false)
        .split("\n")
        .map((line) => line.split(/\s+/)[1]),
    ).toEqual(["ID", "bridge", "host", "net2", "net10", undefined]);
  });
});

/** GET /networks as a daemon answers it, trimmed to the fields that matter, in the daemon's own order. */
const network = (Name: string, Id: string, Driver: string, Scope: string) => ({
  Name,
  Id: Id.repeat(64 / Id.length),
  Created: "2026-12-06T07:09:57.03532456Z",
  Scope,
  Driver,
  IPAM: { Driver: "default", Options: null, Config: [] },
  Containers: {},
  Options: {},
  Labels: {},
});
const NETWORKS = [
  network("web10", "c9", "bridge", "local"),
  network("none", "24", "null", "local"),
  network("bridge", "7a", "bridge", "local"),
  network("web2", "e1", "overlay", "swarm"),
  network("host", "0f", "host", "local"),
];

describe("docker network ls against a fake daemon (as docker/cli's network/list_test.go)", () => {
  it("prints the table, sorted by name in natural order", async () => {
    const engine = fakeTransport({ "GET /networks": { body: NETWORKS } });
    const { code, stdout, stderr } = await runAgainst(engine, "docker network ls");
    expect({ code, stderr, sent: engine.sent }).toEqual({ code: 0, stderr: "", sent: ["GET /networks"] });
    await expect(stdout).toMatchFileSnapshot("testdata/network-list.golden");
  });

  it("-q --no-trunc: the full ids, one a line", async () => {
    const { stdout } = await runAgainst(fakeTransport({ "GET /networks": { body: NETWORKS } }), "docker network ls -q --no-trunc");
    await expect(stdout).toMatchFileSnapshot("testdata/network-list-quiet-no-trunc.golden");
  });

  it("sends --filter as the CLI encodes it: sorted names and values", async () => {
    const filters = encodeURIComponent('{"driver":{"bridge":true},"name":{"web":true}}');
    const engine = fakeTransport({ [`GET /networks?filters=${filters}`]: { body: NETWORKS.slice(0, 1) } });
    const { code, stdout } = await runAgainst(engine, "docker network ls --filter name=web -f driver=bridge");
    expect(code).toBe(0);
    await expect(stdout).toMatchFileSnapshot("testdata/network-list-filtered.golden");
  });

  it("a daemon error is printed in the CLI's words and exits 1", async () => {
    const engine = fakeTransport({ "GET /networks": { status: 500, message: "could not list networks: disk I/O error" } });
    expect(await runAgainst(engine, "docker network ls")).toEqual({
      code: 1,
      stdout: "",
      stderr: "Error response from daemon: could not list networks: disk I/O error\n",
    });
  });
});
