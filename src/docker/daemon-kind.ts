import type { DaemonInfo, EngineVersion } from "./views.js";

/** Which Docker-compatible daemon answers, and what of Docker it cannot do. */
export interface DaemonKind {
  readonly product: "docker" | "podman";
  /** "Docker Engine 28.5.2" or "Podman 5.4.2": how doctor and reports name it. */
  readonly name: string;
  /** Runs as an unprivileged user (rootless Docker, rootless Podman). */
  readonly rootless: boolean;
}

/** Podman's `/version` names its engine component "Podman Engine"; Docker's is "Engine". */
export function isPodman(version: { readonly Components?: readonly { readonly Name?: string }[] | null }): boolean {
  return (version.Components ?? []).some((component) => /^podman/i.test(component.Name ?? ""));
}

export function daemonKind(engine: EngineVersion, info: DaemonInfo): DaemonKind {
  const product = engine.product;
  return {
    product,
    name: `${product === "podman" ? "Podman" : "Docker Engine"} ${engine.version}`,
    rootless: info.securityOptions.some((option) => option.split(",").includes("name=rootless")),
  };
}

/** Ports below this one need privilege: a rootless daemon cannot publish them (unless the host lowered net.ipv4.ip_unprivileged_port_start). */
export const FIRST_UNPRIVILEGED_PORT = 1024;

/**
 * Why the daemon has no swarm mode a lesson can use, or undefined when it has: Podman has none
 * (its compat API answers every swarm endpoint 503), and rootless Docker has no overlay networks,
 * which every swarm service is attached to.
 */
export function noSwarmMode(kind: DaemonKind): string | undefined {
  if (kind.product === "podman") return `${kind.name} has no swarm mode`;
  if (kind.rootless) return `rootless Docker (${kind.name}) has no overlay networks, which swarm services need`;
  return undefined;
}

/** Where to go instead, for a lesson that needs swarm mode. */
export const SWARM_ELSEWHERE =
  "Run it against a Docker Engine that runs as root (Docker Desktop, Colima, or Docker Engine on Linux; DOCKER_HOST or `docker context use` picks the daemon).";

/** Whether the daemon can publish a host port below 1024. */
export function cannotPublishLowPorts(kind: DaemonKind): boolean {
  return kind.rootless;
}

/** Whether `--network host` puts a probe in the host's own network namespace (not RootlessKit's or a user namespace's). */
export function seesHostNetwork(kind: DaemonKind): boolean {
  return !kind.rootless;
}
