/**
 * The multi-node playground, planned: names, labels and each node's container, as pure data. A node
 * is a container running its own Docker daemon (Docker-in-Docker) on a network made for the nodes.
 */

import { ENV_LABEL, NODE_LABEL, PURPOSE_LABEL } from "../docker/labels.js";

export const DEFAULT_NODE_IMAGE = "docker:dind";
export const DEFAULT_ENV_NAME = "play";
/**
 * The node daemons listen here with TLS and client certificates only (the docker:dind convention):
 * on the playground's network, and published on the daemon host's loopback.
 */
export const NODE_TLS_PORT = 2376;
/** Where the node image makes its certificates: client/ holds what a client needs. */
const NODE_CERT_DIR = "/certs";
export const MAX_NODES = 5;

export interface NodePlan {
  /** `node1`: the node's hostname, so `docker node ls` shows it as the labs do. */
  readonly node: string;
  readonly container: string;
  readonly volume: string;
}

export interface PlaygroundPlan {
  readonly name: string;
  readonly network: string;
  readonly nodes: readonly NodePlan[];
  readonly labels: Readonly<Record<string, string>>;
}

/** A playground name: what Docker accepts in container, network and volume names. */
export function playgroundNameProblem(name: string): string | undefined {
  return /^[a-z0-9][a-z0-9_.-]{0,30}$/.test(name)
    ? undefined
    : `"${name}" is not a playground name: use up to 31 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit`;
}

export function planPlayground(name: string, count: number): PlaygroundPlan {
  const nodes = Array.from({ length: count }, (_, i) => {
    const node = `node${i + 1}`;
    return { node, container: `${name}-${node}`, volume: `${name}-${node}-docker` };
  });
  return { name, network: `${name}-net`, nodes, labels: { [ENV_LABEL]: name, [PURPOSE_LABEL]: "env" } };
}

/** How a node may run: `--privileged`, or, where the daemon cannot grant every capability, those it can. */
export type NodeMode = { readonly kind: "privileged" } | { readonly kind: "capabilities"; readonly capabilities: readonly string[] };

/** The node's container, as the Engine API's create body. */
export function nodeContainerBody(plan: PlaygroundPlan, node: NodePlan, image: string, mode: NodeMode): Record<string, unknown> {
  const privileged = mode.kind === "privileged";
  return {
    Image: image,
    Hostname: node.node,
    // Flags only: docker:dind's entrypoint then adds the unix socket and TLS on 2376 with the
    // certificates it makes in DOCKER_TLS_CERTDIR. The daemon's labels tell a tutor pointed at it
    // that it runs in a node it made.
    Cmd: [`--label=${ENV_LABEL}=${plan.name}`, `--label=${NODE_LABEL}=${node.node}`],
    Env: [`DOCKER_TLS_CERTDIR=${NODE_CERT_DIR}`, `PS1=${node.node} $ `],
    Labels: { ...plan.labels, [NODE_LABEL]: node.node },
    ExposedPorts: { [`${NODE_TLS_PORT}/tcp`]: {} },
    HostConfig: {
      // A free port on the daemon host's loopback: where Desktop, Colima and rootless Docker forward it.
      PortBindings: { [`${NODE_TLS_PORT}/tcp`]: [{ HostIp: "127.0.0.1", HostPort: "" }] },
      Privileged: privileged,
      ...(privileged
        ? {}
        : {
            CapAdd: mode.capabilities,
            SecurityOpt: ["seccomp=unconfined", "apparmor=unconfined"],
            // what the CLI's --security-opt systempaths=unconfined sends: no masked or read-only /proc paths
            MaskedPaths: [],
            ReadonlyPaths: [],
          }),
      Mounts: [
        { Type: "volume", Source: node.volume, Target: "/var/lib/docker" },
        ...(privileged ? [] : [{ Type: "bind", Source: "/sys/fs/cgroup", Target: "/sys/fs/cgroup" }]),
      ],
      NetworkMode: plan.network,
    },
    NetworkingConfig: { EndpointsConfig: { [plan.network]: { Aliases: [node.node] } } },
  };
}

/** The daemon refused `--privileged` because its own capability bounding set lacks some. */
export function isCapabilityRefusal(message: string): boolean {
  return /unable to apply caps|apply caps: operation not permitted/i.test(message);
}

/**
 * Linux capabilities by bit, as Docker names them, up to AUDIT_READ (37): Engine 20.10 refuses the
 * newer PERFMON, BPF and CHECKPOINT_RESTORE by name.
 */
const CAPABILITIES = [
  "CHOWN",
  "DAC_OVERRIDE",
  "DAC_READ_SEARCH",
  "FOWNER",
  "FSETID",
  "KILL",
  "SETGID",
  "SETUID",
  "SETPCAP",
  "LINUX_IMMUTABLE",
  "NET_BIND_SERVICE",
  "NET_BROADCAST",
  "NET_ADMIN",
  "NET_RAW",
  "IPC_LOCK",
  "IPC_OWNER",
  "SYS_MODULE",
  "SYS_RAWIO",
  "SYS_CHROOT",
  "SYS_PTRACE",
  "SYS_PACCT",
  "SYS_ADMIN",
  "SYS_BOOT",
  "SYS_NICE",
  "SYS_RESOURCE",
  "SYS_TIME",
  "SYS_TTY_CONFIG",
  "MKNOD",
  "LEASE",
  "AUDIT_WRITE",
  "AUDIT_CONTROL",
  "SETFCAP",
  "MAC_OVERRIDE",
  "MAC_ADMIN",
  "SYSLOG",
  "WAKE_ALARM",
  "BLOCK_SUSPEND",
  "AUDIT_READ",
] as const;

/** The capabilities in a bounding set (`CapBnd:` of /proc/PID/status, in hex) that Docker can name. */
export function grantableCapabilities(capBndHex: string): string[] {
  const bits = BigInt(`0x${capBndHex.trim() || "0"}`);
  return CAPABILITIES.filter((_, bit) => (bits >> BigInt(bit)) & 1n);
}

/** Every capability Docker names but one: the set that works where only CAP_SYS_RESOURCE is missing. */
export const ALL_BUT_SYS_RESOURCE: readonly string[] = CAPABILITIES.filter((c) => c !== "SYS_RESOURCE");
