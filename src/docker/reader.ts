import type Dockerode from "dockerode";
import {
  type ContainerNetworkEntry,
  DEFAULT_NETWORK,
  type DefaultNetwork,
  mayHideDefaultNetwork,
  withDefaultNetworkNamed,
} from "./default-network.js";
import { isAbsentFromSwarm, orFallback, unlessGone, unlessMissing } from "./docker-errors.js";
import { execInContainer } from "./exec-command.js";
import { localImageAlias } from "./image-ref.js";
import { interleavedOutput } from "./log-frames.js";
import {
  type RawFileChange,
  type RawHistoryEntry,
  toContainerDetails,
  toFileChanges,
  toImageDetails,
  toImageHistory,
  toNetworkDetails,
  toVolumeDetails,
} from "./map-details.js";
import { type RawNode, type RawService, type RawTask, toNodeSummary, toServiceDetails, toTaskSummary } from "./map-swarm.js";
import { toContainerSummary, toDaemonInfo, toImageSummary } from "./map-views.js";
import { runThrowaway } from "./throwaway.js";
import { TutorExecs } from "./tutor-execs.js";
import type {
  ContainerDetails,
  ContainerSummary,
  DaemonInfo,
  FileChange,
  ImageDetails,
  ImageHistoryEntry,
  ImageSummary,
  NetworkDetails,
  NodeSummary,
  ServiceDetails,
  TaskSummary,
  ThrowawayResult,
  ThrowawaySpec,
  VolumeDetails,
} from "./views.js";
import { readVolumeFileThroughHolder, type VolumeFile } from "./volume-file.js";

/**
 * What checks and ownership read of a daemon, in the tutor's own view types. Each returns undefined
 * (never throws) when the object does not exist; the list-shaped reads (logs, diff, history) return
 * an empty answer instead. One check round shares one memoized reader (see round.ts).
 */
export interface DockerReader {
  info(): Promise<DaemonInfo>;
  listContainers(options?: { all?: boolean }): Promise<ContainerSummary[]>;
  /**
   * The daemon's images; with `repository` (a familiar name, `student/web`), those the daemon
   * says are tagged in it, the daemon filtering: listing every image costs 100-170 ms on the
   * containerd image store, a filtered list 2-7 ms. The daemon's match is a pattern's, so callers
   * still compare the tags themselves.
   */
  listImages(options?: { repository?: string }): Promise<ImageSummary[]>;
  inspectContainer(idOrName: string): Promise<ContainerDetails | undefined>;
  /** stdout and stderr together, demultiplexed, as `docker logs` prints them. */
  containerLogs(idOrName: string): Promise<string>;
  containerDiff(idOrName: string): Promise<FileChange[]>;
  /** Runs a command in a running container (no TTY) and collects its output; throws if it cannot start it. */
  exec(idOrName: string, command: readonly string[]): Promise<{ exitCode: number; output: string }>;
  inspectImage(ref: string): Promise<ImageDetails | undefined>;
  imageHistory(ref: string): Promise<ImageHistoryEntry[]>;
  listNetworks(): Promise<NetworkDetails[]>;
  inspectNetwork(idOrName: string): Promise<NetworkDetails | undefined>;
  listVolumes(): Promise<VolumeDetails[]>;
  inspectVolume(name: string): Promise<VolumeDetails | undefined>;
  // Swarm reads: a node that is no manager (HTTP 503) has no services, so [] or undefined there.
  listServicesDetailed(): Promise<ServiceDetails[]>;
  inspectService(idOrName: string): Promise<ServiceDetails | undefined>;
  /** `service` is a service name or id. */
  listTasks(filters?: { service?: string }): Promise<TaskSummary[]>;
  /** The swarm's nodes; empty where this daemon is not a manager. */
  listNodes(): Promise<NodeSummary[]>;
  /** Runs a labelled container to completion and removes it, whatever happens: how a check reads inside a volume. */
  runThrowaway(spec: ThrowawaySpec): Promise<ThrowawayResult>;
  /** A file in a volume, read through a container that mounts it; undefined when none can show it (read it with a throwaway then). */
  readVolumeFile(volume: string, path: string): Promise<VolumeFile | undefined>;
}

/**
 * An image read by the name a lesson gives it, or else by the name Podman files an image it made
 * itself under (`localhost/web` for `web`): its Docker API looks a bare name up on docker.io only.
 */
async function orLocalAlias<T>(podman: boolean, ref: string, read: (name: string) => Promise<T | undefined>): Promise<T | undefined> {
  const found = await read(ref);
  // On Docker, `localhost/web` is an image of its own, never `web`.
  const alias = found === undefined && podman ? localImageAlias(ref) : undefined;
  return alias === undefined ? found : read(alias);
}

/** A lesson's multi-node playground as one check round sees it: which nodes are up, and each node's reader. */
export interface PlaygroundView {
  /** The playground's name, for messages: `docker-tutor env up --name …`. */
  readonly name: string;
  /** How many nodes are up, their daemons answering. */
  up(): Promise<readonly string[]>;
  reader(node: string): Promise<DockerReader | undefined>;
}

/**
 * `tutorExecs` learns the id of every exec the reader starts (a check's probe) before it starts, and
 * when it ended; `podman` says whether the daemon files images it made itself under `localhost/`.
 */
export function createReader(docker: Dockerode, tutorExecs: TutorExecs = new TutorExecs(), daemon = { podman: false }): DockerReader {
  const networkNames = async () => new Map((await docker.listNetworks()).map((n) => [n.Id, n.Name]));
  // The default network is the daemon's for its whole life: read once, on first need.
  let defaultNetworkRead: Promise<DefaultNetwork | undefined> | undefined;
  const defaultNetwork = () => {
    defaultNetworkRead ??= unlessMissing(docker.getNetwork(DEFAULT_NETWORK).inspect()).then(
      (raw: Dockerode.NetworkInspectInfo | undefined) => (raw ? { id: raw.Id, subnets: toNetworkDetails(raw).subnets } : undefined),
    );
    defaultNetworkRead.catch(() => {
      defaultNetworkRead = undefined;
    });
    return defaultNetworkRead;
  };
  const historyOf = (name: string) => unlessMissing(docker.getImage(name).history());
  return {
    info: async () => toDaemonInfo(await docker.info()),
    listContainers: async (options) => (await docker.listContainers({ all: options?.all ?? false })).map(toContainerSummary),
    listImages: async (options) =>
      (await docker.listImages(options?.repository ? { filters: { reference: [options.repository] } } : {})).map(toImageSummary),
    inspectContainer: async (idOrName) => {
      const raw = await unlessMissing(docker.getContainer(idOrName).inspect());
      if (!raw) return undefined;
      const details = toContainerDetails(raw);
      if (!mayHideDefaultNetwork(details.networks)) return details;
      const entries = (raw.NetworkSettings?.Networks ?? {}) as Record<string, ContainerNetworkEntry | null>;
      return { ...details, networks: withDefaultNetworkNamed(entries, await defaultNetwork()) };
    },
    containerLogs: async (idOrName) => {
      const container = docker.getContainer(idOrName);
      const raw = await unlessMissing(container.inspect());
      if (!raw) return "";
      // follow:false answers with a Buffer, multiplexed unless the container has a TTY.
      // a container being removed meanwhile has no logs to read any more, as if it were gone
      const logs = (await unlessGone(container.logs({ stdout: true, stderr: true, follow: false }))) as Buffer | undefined;
      return logs ? interleavedOutput(logs, raw.Config?.Tty === true) : "";
    },
    containerDiff: async (idOrName) =>
      toFileChanges(((await unlessMissing(docker.getContainer(idOrName).changes())) as RawFileChange[] | undefined) ?? []),
    exec: async (idOrName, command) => {
      let execId: string | undefined;
      try {
        return await execInContainer(docker, idOrName, command, (id) => {
          execId = id;
          tutorExecs.add(id);
        });
      } finally {
        if (execId !== undefined) tutorExecs.ended(execId);
      }
    },
    inspectImage: async (ref) => {
      const raw = await orLocalAlias(daemon.podman, ref, (name) => unlessMissing(docker.getImage(name).inspect()));
      return raw && toImageDetails(raw);
    },
    imageHistory: async (ref) =>
      toImageHistory(((await orLocalAlias(daemon.podman, ref, historyOf)) as RawHistoryEntry[] | undefined) ?? []),
    listNetworks: async () => (await docker.listNetworks()).map(toNetworkDetails),
    inspectNetwork: async (idOrName) => {
      const raw = (await unlessMissing(docker.getNetwork(idOrName).inspect())) as Dockerode.NetworkInspectInfo | undefined;
      return raw && toNetworkDetails(raw);
    },
    listVolumes: async () => ((await docker.listVolumes()).Volumes ?? []).map(toVolumeDetails),
    inspectVolume: async (name) => {
      const raw = await unlessMissing(docker.getVolume(name).inspect());
      return raw && toVolumeDetails(raw);
    },
    listServicesDetailed: async () => {
      const raw: RawService[] = await orFallback(docker.listServices(), [], isAbsentFromSwarm);
      if (raw.length === 0) return [];
      const names = await networkNames();
      return raw.map((s) => toServiceDetails(s, names));
    },
    inspectService: async (idOrName) => {
      const raw = (await orFallback(docker.getService(idOrName).inspect(), undefined, isAbsentFromSwarm)) as RawService | undefined;
      return raw && toServiceDetails(raw, await networkNames());
    },
    listTasks: async (filters) => {
      const options = filters?.service ? { filters: { service: [filters.service] } } : {};
      const raw: RawTask[] = await orFallback(docker.listTasks(options), [], isAbsentFromSwarm);
      return raw.map(toTaskSummary);
    },
    listNodes: async () => (await orFallback(docker.listNodes() as Promise<RawNode[]>, [], isAbsentFromSwarm)).map(toNodeSummary),
    runThrowaway: (spec) => runThrowaway(docker, spec),
    readVolumeFile: (volume, path) => readVolumeFileThroughHolder(docker, volume, path),
  };
}
