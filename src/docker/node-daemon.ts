import { createDockerode } from "./dockerode-factory.js";

/** What a playground node's own daemon says about itself. */
export interface NodeDaemonInfo {
  readonly version: string;
  readonly swarm: "inactive" | "manager" | "worker" | "pending" | "error";
}

/** A playground node's own daemon. */
export interface NodeDaemon {
  info(): Promise<NodeDaemonInfo>;
  /** `docker load` of a `docker save` tar stream; rejects with the daemon's words when it refuses one. */
  loadImages(tar: NodeJS.ReadableStream): Promise<void>;
}

/**
 * The daemon at `host` (`tcp://ADDRESS:PORT`), in plain HTTP: a node listens on the playground's
 * network only, and none of the learner's docker settings apply to it.
 */
export async function nodeDaemonAt(host: string): Promise<NodeDaemon> {
  const docker = await createDockerode({ host, source: "the playground", tls: undefined, explicit: true }, {});
  return {
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
