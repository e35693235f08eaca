import type { Agent } from "node:http";
import type Dockerode from "dockerode";
import { withinTime } from "../within-time.js";
import { createAgentDockerode, createDockerode } from "./dockerode-factory.js";

const PING_MS = 3000;

/** What a playground node's own daemon says about itself. */
export interface NodeDaemonInfo {
  readonly version: string;
  readonly swarm: "inactive" | "manager" | "worker" | "pending" | "error";
}

/** A playground node's own daemon. */
export interface NodeDaemon {
  /** Whether it answers `/_ping` within a few seconds. */
  answers(): Promise<boolean>;
  info(): Promise<NodeDaemonInfo>;
  /** `docker load` of a `docker save` tar stream; rejects with the daemon's words when it refuses one. */
  loadImages(tar: NodeJS.ReadableStream): Promise<void>;
}

/**
 * The daemon at `host` (`tcp://ADDRESS:PORT`), over TLS with the client certificates in `certDir`:
 * none of the learner's docker settings apply to it.
 */
export async function nodeDaemonAt(host: string, certDir: string): Promise<NodeDaemon> {
  return nodeDaemonOf(await createDockerode({ host, source: "the playground", tls: { certDir, verify: true }, explicit: true }, {}));
}

/** The daemon whose connections `agent` makes (an exec tunnel into the node). */
export async function nodeDaemonThrough(agent: Agent): Promise<NodeDaemon> {
  return nodeDaemonOf(await createAgentDockerode(agent));
}

function nodeDaemonOf(docker: Dockerode): NodeDaemon {
  return {
    answers: () =>
      withinTime(
        docker.ping().then(
          () => true,
          () => false,
        ),
        PING_MS,
      ).then((answered) => answered === true),
    info: async () => {
      const [version, info] = await Promise.all([
        docker.version(),
        docker.info() as Promise<{ Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean } }>,
      ]);
      const state = info.Swarm?.LocalNodeState ?? "inactive";
      const swarm =
        state === "active"
          ? info.Swarm?.ControlAvailable
            ? "manager"
            : "worker"
          : state === "pending" || state === "error"
            ? state
            : "inactive";
      return { version: version.Version, swarm };
    },
    loadImages: async (tar) => {
      const response = (await docker.loadImage(tar as NodeJS.ReadableStream, { quiet: true })) as NodeJS.ReadableStream;
      let text = "";
      for await (const chunk of response) text += String(chunk);
      const failure = /"error(?:Detail)?"\s*:\s*(?:\{"message":)?"([^"]+)"/.exec(text);
      if (failure) throw new Error(failure[1]);
    },
  };
}
