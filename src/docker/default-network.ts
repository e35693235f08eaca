/**
 * The daemon's default network, known by what it is rather than by its name. Docker calls it
 * `bridge` everywhere. Podman's Docker API calls it `bridge` in network lists and inspects, but a
 * container's inspect keys it by Podman's own name, `podman` (with `NetworkID: "podman"` on 4.x).
 * What does not change is the network itself: its id, and the subnet its addresses come from.
 */

/** The name docker gives the default network, which lessons use. */
export const DEFAULT_NETWORK = "bridge";

export interface DefaultNetwork {
  readonly id: string;
  /** IPv4 subnets, e.g. `10.88.0.0/16`. */
  readonly subnets: readonly string[];
}

/** One network a container's inspect lists under `NetworkSettings.Networks`. */
export interface ContainerNetworkEntry {
  readonly NetworkID?: string | null;
  readonly IPAddress?: string | null;
}

/** Whether a container's network list may hold the default network under another name. */
export const mayHideDefaultNetwork = (names: readonly string[]): boolean => names.length > 0 && !names.includes(DEFAULT_NETWORK);

/**
 * The container's network names with the default network called `bridge`, whatever the daemon keys
 * it by: the entry whose network id is the default network's, or whose address is in its subnet.
 * Pure.
 */
export function withDefaultNetworkNamed(
  entries: Readonly<Record<string, ContainerNetworkEntry | null>>,
  defaultNetwork: DefaultNetwork | undefined,
): string[] {
  const names = Object.keys(entries);
  if (!defaultNetwork || !mayHideDefaultNetwork(names)) return names;
  return names.map((name) => {
    const entry = entries[name];
    const isDefault =
      entry?.NetworkID === defaultNetwork.id ||
      (!!entry?.IPAddress && defaultNetwork.subnets.some((subnet) => inSubnet(entry.IPAddress ?? "", subnet)));
    return isDefault ? DEFAULT_NETWORK : name;
  });
}

/** Whether an IPv4 address lies in a CIDR subnet (`10.88.0.7` in `10.88.0.0/16`); false for anything else. */
export function inSubnet(address: string, subnet: string): boolean {
  const [base = "", bitsText] = subnet.split("/");
  const bits = Number(bitsText);
  const a = ipv4Number(address);
  const b = ipv4Number(base);
  if (a === undefined || b === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (a & mask) >>> 0 === (b & mask) >>> 0;
}

function ipv4Number(address: string): number | undefined {
  const parts = address.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}
