import type { HostResources, LabelledResources } from "../docker/host-resources.js";
import { ENV_LABEL, NODE_LABEL } from "../docker/labels.js";
import { type NodeDaemon, nodeDaemonAt } from "../docker/node-daemon.js";
import type { DockerReader } from "../docker/reader.js";
import { NODE_DAEMON_PORT } from "./playground-plan.js";

/** A playground node as the host daemon sees it. */
export interface PlaygroundNode {
  readonly env: string;
  readonly node: string;
  readonly container: string;
  readonly id: string;
  readonly state: string;
  /** Its address on the playground's network, where its daemon listens. */
  readonly address: string | undefined;
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
    }))
    .sort((a, b) => a.env.localeCompare(b.env) || a.node.localeCompare(b.node, undefined, { numeric: true }));
}

/** Everything labelled as the playground's: its nodes, their volumes, its network. */
export const playgroundResources = (host: HostResources, env: string): Promise<LabelledResources> => host.resourcesByLabel([envLabel(env)]);

/** A node's own daemon, reached at its address on the playground's network. */
export const nodeDaemon = (address: string): Promise<NodeDaemon> => nodeDaemonAt(`tcp://${address}:${NODE_DAEMON_PORT}`);

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
