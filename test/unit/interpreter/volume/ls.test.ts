import { describe, expect, it } from "vitest";
import { volumesTable } from "../../../../src/docker/interpreter/commands/volume/ls.js";
import { fakeTransport, runAgainst } from "../../../helpers/fake-transport.js";

describe("docker volume ls", () => {
  it("prints volumes under DRIVER and VOLUME NAME", () => {
    expect(
      volumesTable([
        { Name: "b", Driver: "local" },
        { Name: "a", Driver: "local" },
      ]),
    ).toBe("DRIVER    VOLUME NAME\nlocal     a\nlocal     b\n");
  });
});

const volume = (Name: string) => ({
  CreatedAt: "2026-12-06T07:16:51Z",
  Driver: "local",
  Labels: null,
  Mountpoint: `/var/lib/docker/volumes/${Name}/_data`,
  Name,
  Options: null,
  Scope: "local",
});
const ANONYMOUS = "3f".repeat(32);

describe("docker volume against a fake daemon", () => {
  it("ls prints the table, sorted by name", async () => {
    const engine = fakeTransport({
      "GET /volumes": { body: { Volumes: [volume("data10"), volume(ANONYMOUS), volume("data2")], Warnings: null } },
    });
    const { code, stdout, stderr } = await runAgainst(engine, "docker volume ls");
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    await expect(stdout).toMatchFileSnapshot("testdata/volume-list.golden");
  });

  it("ls with no volumes (Volumes: null) prints the header alone", async () => {
    const engine = fakeTransport({ "GET /volumes": { body: { Volumes: null, Warnings: null } } });
    expect((await runAgainst(engine, "docker volume ls")).stdout).toBe("DRIVER    VOLUME NAME\n");
  });

  it("rm goes on past a volume the daemon refuses, then prints the refusal and exits 1", async () => {
    const engine = fakeTransport({
      "DELETE /volumes/data": { status: 409, message: `remove data: volume is in use - [${"ab".repeat(32)}]` },
      "DELETE /volumes/cache": {},
    });
    expect(await runAgainst(engine, "docker volume rm data cache")).toEqual({
      code: 1,
      stdout: "cache\n",
      stderr: `Error response from daemon: remove data: volume is in use - [${"ab".repeat(32)}]\n`,
    });
    expect(engine.sent).toEqual(["DELETE /volumes/data", "DELETE /volumes/cache"]);
  });
});
