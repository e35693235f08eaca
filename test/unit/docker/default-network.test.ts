import { describe, expect, it } from "vitest";
import { inSubnet, withDefaultNetworkNamed } from "../../../src/docker/default-network.js";

const dockerBridge = { id: "b".repeat(64), subnets: ["172.17.0.0/16"] };
const podmanDefault = { id: "2f259bab93aa".padEnd(64, "0"), subnets: ["10.88.0.0/16"] };

describe("withDefaultNetworkNamed: the default network is `bridge`, whatever the daemon keys it by", () => {
  it.each<[string, Record<string, { NetworkID?: string; IPAddress?: string }>, typeof dockerBridge, string[]]>([
    ["Docker: bridge is bridge", { bridge: { NetworkID: dockerBridge.id, IPAddress: "172.17.0.2" } }, dockerBridge, ["bridge"]],
    [
      "Podman 4: keyed `podman`, NetworkID the name, address in the subnet",
      { podman: { NetworkID: "podman", IPAddress: "10.88.0.68" } },
      podmanDefault,
      ["bridge"],
    ],
    ["Podman 5: keyed `podman`, NetworkID the id", { podman: { NetworkID: podmanDefault.id, IPAddress: "" } }, podmanDefault, ["bridge"]],
    [
      "a user network beside it keeps its name",
      { podman: { NetworkID: "podman", IPAddress: "10.88.0.71" }, "my-bridge": { NetworkID: "my-bridge", IPAddress: "10.89.0.3" } },
      podmanDefault,
      ["bridge", "my-bridge"],
    ],
    [
      "only a user network: unchanged",
      { "my-bridge": { NetworkID: "c".repeat(64), IPAddress: "172.18.0.2" } },
      dockerBridge,
      ["my-bridge"],
    ],
  ])("%s", (_, entries, defaultNetwork, expected) => {
    expect(withDefaultNetworkNamed(entries, defaultNetwork)).toEqual(expected);
  });

  it("without a default network (none answers to `bridge`): the names as they are", () => {
    expect(withDefaultNetworkNamed({ podman: { NetworkID: "podman", IPAddress: "10.88.0.2" } }, undefined)).toEqual(["podman"]);
  });
});

describe("inSubnet", () => {
  it.each([
    ["10.88.0.68", "10.88.0.0/16", true],
    ["10.89.0.3", "10.88.0.0/16", false],
    ["172.17.0.2", "172.17.0.0/16", true],
    ["192.168.1.9", "192.168.1.8/29", true],
    ["192.168.1.16", "192.168.1.8/29", false],
    ["10.0.0.1", "0.0.0.0/0", true],
    ["fd00::1", "10.88.0.0/16", false],
    ["10.88.0.1", "not a subnet", false],
  ])("%s in %s → %s", (address, subnet, expected) => expect(inSubnet(address, subnet)).toBe(expected));
});
