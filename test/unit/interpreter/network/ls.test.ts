import { describe, expect, it } from "vitest";
import { networksTable } from "../../../../src/docker/interpreter/commands/network/ls.js";

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
