import type { HostResources, LabelledResources } from "../docker/host-resources.js";
import { ENV_LABEL, NODE_LABEL } from "../docker/labels.js";
import { type NodeDaemon, nodeDaemonAt, nodeDaemonThrough } from "../docker/node-daemon.js";
import type { DockerReader } from "../docker/reader.js";
import { fetchClientCertificates, nodeCertDir } from "./node-certificates.js";
import { NODE_TLS_PORT } from "./playground-plan.js";

/** A playground node as the host daemon sees it. */
export interface PlaygroundNode {
  readonly env: string;
  readonly node: string;
  readonly container: string;
  readonly id: string;
  readonly state: string;
  /** Its address on the playground's network, where its daemon listens. */
  readonly address: string | undefined;
  /** Where its daemon's TLS port is published on the daemon host's loopback. */
  readonly tlsPort: number | undefined;
}

/** The label every resource of the playground `env` carries; with no name, any playground's. */
const envLabel = (env?: string) => (env ? `${ENV_LABEL}=${env}` : ENV_LABEL);

/** The nodes of the playground `env` (of every playground without one), by playground and node number. */
export async function playgroundNodes(host: HostResources, env?: string): Promise<PlaygroundNode[]> {
  const containers = await host.containersByLabel([envLabel(env), NODE_LABEL]);
  return containers
    .map((c) => ({
      env: c.labels[ENV_LABEL] ?? "",
      node: c.labels[NODE_LABEL] ?? "",
      container: c.name,
      id: c.id,
      state: c.state,
      address: c.address,
      tlsPort: c.published[NODE_TLS_PORT],
    }))
    .sort((a, b) => a.env.localeCompare(b.env) || a.node.localeCompare(b.node, undefined, { numeric: true }));
}

/** Everything labelled as the playground's: its nodes, their volumes, its network. */
export const playgroundResources = (host: HostResources, env: string): Promise<LabelledResources> => host.resourcesByLabel([envLabel(env)]);

/** How a node's daemon is reached: TLS with its client certificates, at one of these URLs. */
export interface NodeAccess {
  /** Its TLS port where it is published on the daemon host's loopback (Docker Desktop, Colima and
   * rootless Docker forward that to this machine), then its address on the playground's network. */
  readonly urls: readonly string[];
  /** Its client certificates, copied into the tutor's data folder: DOCKER_CERT_PATH for it. */
  readonly certDir: string;
}

/** A node's access, its certificates fetched afresh; undefined while the node has not made them. */
export async function nodeAccess(host: Pick<HostResources, "copyOut">, node: PlaygroundNode): Promise<NodeAccess | undefined> {
  const urls = [
    ...(node.tlsPort ? [`tcp://127.0.0.1:${node.tlsPort}`] : []),
    ...(node.address ? [`tcp://${node.address}:${NODE_TLS_PORT}`] : []),
  ];
  if (urls.length === 0) return undefined;
  const certDir = nodeCertDir(node.env, node.node);
  return (await fetchClientCertificates(host, node.id, certDir)) ? { urls, certDir } : undefined;
}

/**
 * A node's own daemon at the first of its URLs that answers, else through an exec tunnel (where the
 * daemon is on another machine, or is itself in a node); undefined when none answers (yet).
 */
export async function nodeDaemon(
  host: Pick<HostResources, "copyOut" | "tunnelInto">,
  node: PlaygroundNode,
): Promise<NodeDaemon | undefined> {
  const access = await nodeAccess(host, node);
  if (!access) return undefined;
  for (const url of access.urls) {
    const daemon = await nodeDaemonAt(url, access.certDir);
    if (await daemon.answers()) return daemon;
  }
  const tunnelled = await nodeDaemonThrough(host.tunnelInto(node.id, { keepAlive: false }));
  return (await tunnelled.answers()) ? tunnelled : undefined;
}

/**
 * The capability bounding set (hex) of the daemon's host, read by a short-lived container in its
 * PID namespace; undefined when it cannot be read.
 */
export async function hostBoundingSet(
  docker: Pick<DockerReader, "runThrowaway">,
  image: string,
  labels: Readonly<Record<string, string>>,
): Promise<string | undefined> {
  try {
    const { output } = await docker.runThrowaway({
      image,
      entrypoint: ["cat"],
      command: ["/proc/1/status"],
      purpose: "env-probe",
      labels,
      pidMode: "host",
      timeoutMs: 15_000,
    });
    return /^CapBnd:\s*([0-9a-f]+)$/m.exec(output)?.[1];
  } catch {
    return undefined;
  }
}
