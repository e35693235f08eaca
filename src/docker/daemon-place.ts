/**
 * Where the daemon runs, seen from the tutor: on this machine, in a VM that forwards published ports
 * to this machine's localhost and shares some of its folders (Docker Desktop, Colima, …), in a
 * playground node the tutor made, or on another machine. The one place that decides it: `http`
 * checks, bind mounts, the doctor and the port choice all ask here.
 */
import { ENV_LABEL, NODE_LABEL } from "./labels.js";

export type DaemonPlace =
  /** localhost is the daemon's host, and the daemon sees the tutor's files. */
  | { readonly kind: "local" }
  /** A VM on this machine: published ports reach this machine's localhost; `shared` folders are visible to it. */
  | { readonly kind: "vm"; readonly product: string; readonly shared: readonly string[] }
  /** A playground node (a dockerd in a container the tutor made): the tutor can copy a folder into it. */
  | { readonly kind: "node"; readonly playground: string; readonly node: string }
  /** Another machine: neither its localhost nor its folders are the tutor's. */
  | { readonly kind: "remote"; readonly host: string };

/** What the decision reads: how the daemon was reached, what it says of itself, and the tutor's own machine. */
export interface PlaceEvidence {
  /** The endpoint's normalised host: unix://, npipe://, tcp:// or ssh://. */
  readonly host: string;
  /** The daemon's `/info`: Name, OperatingSystem, Labels (`key=value`). */
  readonly daemon: { readonly name: string; readonly operatingSystem: string; readonly labels: readonly string[] };
  readonly tutor: { readonly hostname: string; readonly platform: NodeJS.Platform; readonly homeDir: string };
}

/** Docker Desktop's default file sharing (Settings → Resources → File sharing). */
export function desktopShares(platform: NodeJS.Platform, homeDir: string): string[] {
  if (platform === "darwin") return ["/Users", "/Volumes", "/private", "/tmp", "/var/folders"];
  // On Windows the WSL 2 backend sees every drive; on Linux, Desktop shares the home folder.
  return platform === "win32" ? ["/"] : [homeDir];
}

/** Pure: the evidence → where the daemon runs. */
export function placeOf(evidence: PlaceEvidence): DaemonPlace {
  const { host, daemon, tutor } = evidence;
  const socket = /^(unix|npipe):\/\//.test(host);
  if (daemon.operatingSystem === "Docker Desktop" || /docker_?desktop|\.docker\/(run|desktop)\/docker\.sock$/i.test(host)) {
    return { kind: "vm", product: "Docker Desktop", shared: desktopShares(tutor.platform, tutor.homeDir) };
  }
  if (socket && /\/\.colima\//.test(host)) return { kind: "vm", product: "Colima", shared: [tutor.homeDir, "/tmp/colima"] };
  if (socket && /\/\.rd\//.test(host)) return { kind: "vm", product: "Rancher Desktop", shared: [tutor.homeDir, "/tmp/rancher-desktop"] };
  // OrbStack shares every folder of the Mac and forwards ports, like a daemon on this machine; and
  // through its own socket (a shell on the node) a node's daemon is that machine's own.
  if (socket) return { kind: "local" };
  // A node is reached at its TLS port published on loopback, yet its ports and folders are the node's.
  const label = (key: string) => daemon.labels.find((l) => l.startsWith(`${key}=`))?.slice(key.length + 1);
  const playground = label(ENV_LABEL);
  const node = label(NODE_LABEL);
  if (playground && node) return { kind: "node", playground, node };
  if (/^tcp:\/\/(localhost|127\.|\[::1\])/.test(host)) return { kind: "local" };
  if (daemon.name !== "" && daemon.name.toLowerCase() === tutor.hostname.toLowerCase()) return { kind: "local" };
  return { kind: "remote", host };
}

/** Whether a port the daemon publishes answers at the tutor's own localhost. */
export const sharesLocalhost = (place: DaemonPlace): boolean => place.kind === "local" || place.kind === "vm";

/** In words, for the doctor and for messages: "this machine", "Docker Desktop's VM", … */
export function describePlace(place: DaemonPlace): string {
  switch (place.kind) {
    case "local":
      return "this machine";
    case "vm":
      return `${place.product}'s VM on this machine (it shares ${place.shared.join(", ")})`;
    case "node":
      return `the playground node ${place.node} of ${place.playground}, a container the tutor made`;
    case "remote":
      return `another machine (${place.host})`;
  }
}
