import type { Agent } from "node:http";
import type Dockerode from "dockerode";
import { daemonMessageOf, isNotFound, orFallback } from "./docker-errors.js";
import { execShell, type ShellTerminal } from "./exec-command.js";
import { execTunnelAgent } from "./exec-tunnel.js";
import { demuxLogs } from "./log-frames.js";
import { createRemover, type DockerRemover } from "./remover.js";

/** A container found by label. */
export interface LabelledContainer {
  readonly id: string;
  /** Without the API's leading slash. */
  readonly name: string;
  readonly state: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Its address on its first network. */
  readonly address: string | undefined;
  /** Its published ports: container port → port on the daemon host's loopback or every interface. */
  readonly published: Readonly<Record<number, number>>;
}

export interface LabelledResources {
  readonly containers: readonly LabelledContainer[];
  readonly volumes: readonly string[];
  readonly networks: readonly { id: string; name: string }[];
}

/**
 * What the tutor makes for itself on the host daemon, found by label, never by name alone: the
 * primitives the multi-node playground (src/env/) is built from.
 */
export interface HostResources extends Pick<DockerRemover, "removeContainer" | "removeVolume" | "removeNetwork"> {
  /** Containers, running or not, carrying every label (`key` or `key=value`). */
  containersByLabel(labels: readonly string[]): Promise<LabelledContainer[]>;
  /** Containers, volumes and networks carrying every label. */
  resourcesByLabel(labels: readonly string[]): Promise<LabelledResources>;
  imageExists(ref: string): Promise<boolean>;
  nameTaken(kind: "container" | "volume" | "network", name: string): Promise<boolean>;
  createNetwork(name: string, labels: Readonly<Record<string, string>>): Promise<void>;
  createVolume(name: string, labels: Readonly<Record<string, string>>): Promise<void>;
  /** Creates and starts, as the Engine API's create body says; a refusal rejects with the daemon's message. */
  startContainer(name: string, body: Record<string, unknown>): Promise<string>;
  /** `docker save` of these images, as a tar stream. */
  saveImages(refs: readonly string[]): Promise<NodeJS.ReadableStream>;
  /** The last lines a container printed, stdout then stderr. */
  logTail(id: string, lines: number): Promise<string>;
  /** An interactive shell in the container, as `docker exec -it ID sh`; resolves to its exit code. */
  shell(id: string, terminal: ShellTerminal): Promise<number>;
  /** `docker cp ID:PATH -`: the container's file or folder as a tar stream. */
  copyOut(id: string, path: string): Promise<NodeJS.ReadableStream>;
  /** Connections to the daemon inside the container, each a `docker system dial-stdio` exec in it. */
  tunnelInto(id: string, options: { readonly keepAlive: boolean }): Agent;
}

const exists = (inspect: Promise<unknown>): Promise<boolean> =>
  orFallback(
    inspect.then(() => true),
    false,
    isNotFound,
  );

export function createHostResources(docker: Dockerode): HostResources {
  const { removeContainer, removeVolume, removeNetwork } = createRemover(docker);
  const containersByLabel = async (labels: readonly string[]) =>
    (await docker.listContainers({ all: true, filters: { label: [...labels] } })).map((c) => ({
      id: c.Id,
      name: (c.Names[0] ?? "").replace(/^\//, ""),
      state: c.State,
      labels: c.Labels,
      address: Object.values(c.NetworkSettings?.Networks ?? {})[0]?.IPAddress || undefined,
      published: Object.fromEntries(
        (c.Ports ?? []).flatMap((p) => (p.PublicPort && p.Type === "tcp" ? [[p.PrivatePort, p.PublicPort]] : [])),
      ),
    }));
  return {
    containersByLabel,
    resourcesByLabel: async (labels) => {
      const filters = { label: [...labels] };
      const [containers, volumes, networks] = await Promise.all([
        containersByLabel(labels),
        docker.listVolumes({ filters }),
        docker.listNetworks({ filters }),
      ]);
      return {
        containers,
        volumes: (volumes.Volumes ?? []).map((v) => v.Name),
        networks: networks.map((n) => ({ id: n.Id, name: n.Name })),
      };
    },
    imageExists: (ref) => exists(docker.getImage(ref).inspect()),
    nameTaken: (kind, name) =>
      exists(
        kind === "container"
          ? docker.getContainer(name).inspect()
          : kind === "volume"
            ? docker.getVolume(name).inspect()
            : docker.getNetwork(name).inspect(),
      ),
    createNetwork: async (name, labels) => {
      await docker.createNetwork({ Name: name, Driver: "bridge", CheckDuplicate: true, Labels: { ...labels } });
    },
    createVolume: async (name, labels) => {
      await docker.createVolume({ Name: name, Labels: { ...labels } });
    },
    startContainer: async (name, body) => {
      const container = await docker
        .createContainer({ ...body, name } as Dockerode.ContainerCreateOptions)
        .catch((error: unknown) => Promise.reject(new Error(daemonMessageOf(error))));
      try {
        await container.start();
      } catch (error) {
        await container.remove({ force: true, v: false }).catch(() => undefined);
        throw new Error(daemonMessageOf(error));
      }
      return container.id;
    },
    removeContainer,
    removeVolume,
    removeNetwork,
    saveImages: (refs) =>
      new Promise((resolve, reject) => {
        // docker-modem repeats the key for a list: names=a&names=b
        docker.modem.dial(
          { path: "/images/get?", method: "GET", options: { names: [...refs] }, isStream: true, statusCodes: { 200: true } },
          (error, stream) => (error ? reject(error) : resolve(stream as NodeJS.ReadableStream)),
        );
      }),
    logTail: async (id, lines) => {
      const logs = (await docker.getContainer(id).logs({ stdout: true, stderr: true, follow: false, tail: lines })) as unknown as Buffer;
      const { stdout, stderr } = demuxLogs(logs);
      return `${stdout}${stderr}`.trim();
    },
    shell: (id, terminal) => execShell(docker, id, terminal),
    copyOut: (id, path) => docker.getContainer(id).getArchive({ path }),
    tunnelInto: (id, options) => execTunnelAgent(docker, id, options),
  };
}
