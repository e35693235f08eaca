import type Dockerode from "dockerode";
import { daemonMessageOf, isAbsentFromSwarm, orFallback, removal, unlessMissing } from "./docker-errors.js";
import type { Endpoint } from "./endpoint.js";
import { readEvents, toSinceSeconds } from "./event-stream.js";
import { execInContainer } from "./exec-command.js";
import type { CommandIO } from "./interpreter/command.js";
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
import { type RawService, type RawTask, toServiceDetails, toTaskSummary } from "./map-swarm.js";
import { toContainerSummary, toDaemonInfo, toImageSummary, toServiceSummary } from "./map-views.js";
import { createPlaygroundHost, type PlaygroundHost } from "./playground-host.js";
import { runThrowaway } from "./throwaway.js";
import type {
  ContainerDetails,
  ContainerSummary,
  DaemonInfo,
  DockerEvent,
  EngineVersion,
  FileChange,
  ImageDetails,
  ImageHistoryEntry,
  ImageSummary,
  NetworkDetails,
  NodeSummary,
  ServiceDetails,
  ServiceSummary,
  TaskSummary,
  ThrowawayResult,
  ThrowawaySpec,
  VolumeDetails,
} from "./views.js";

export { TUTOR_LABEL } from "./labels.js";

/** The narrow face of the daemon the rest of the tutor sees. */
export interface DockerClient {
  readonly endpoint: Endpoint;
  readonly engine: EngineVersion;
  info(): Promise<DaemonInfo>;
  listContainers(options?: { all?: boolean }): Promise<ContainerSummary[]>;
  listImages(): Promise<ImageSummary[]>;
  /** Only a swarm manager can list services. */
  listServices(): Promise<ServiceSummary[]>;
  /** Runs a labelled container to completion and removes it, whatever happens. */
  runThrowaway(spec: ThrowawaySpec): Promise<ThrowawayResult>;

  // Reading state for checks. Each returns undefined (never throws) when the object does not exist;
  // the list-shaped reads (logs, diff, history) return an empty answer instead.
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

  /** The daemon's event stream until the signal aborts; errors end the iteration with a throw. */
  events(options: { signal: AbortSignal; since?: Date }): AsyncIterable<DockerEvent>;

  // Removing: used by reset and cleanup, only on objects ownership rules allow. Removing what is
  // already gone is not an error. An image is untagged by the given tag, never forced.
  removeContainer(id: string): Promise<void>;
  removeImage(ref: string): Promise<void>;
  removeNetwork(id: string): Promise<void>;
  removeVolume(name: string): Promise<void>;
  removeService(id: string): Promise<void>;
  /** `docker swarm leave --force`: only for a swarm the tutor's lesson started. */
  leaveSwarm(): Promise<void>;

  /**
   * Asks the image's registry, through the daemon, whether it can be pulled now: undefined when it
   * can, else the daemon's words for why not (no network, no such image, a rate limit).
   */
  whyNotPullable(ref: string): Promise<string | undefined>;

  /** The multi-node playground's side of this daemon (`docker-tutor env`). */
  playground(): PlaygroundHost;

  /**
   * Runs a docker command line through the built-in interpreter, as the docker CLI would; resolves to
   * its exit code. When `signal` aborts, every request it has open is cut (the daemon then stops a
   * pull or a build) and it resolves to 130, as a CLI stopped by Ctrl-C exits.
   */
  runCommand(line: string, io: CommandIO & { env: Readonly<Record<string, string | undefined>>; signal?: AbortSignal }): Promise<number>;
}

const INTERRUPTED = 130;

/** The stream, except that what a command says about its own interruption (`aborted`) is not shown. */
function quietOnceAborted(stream: NodeJS.WritableStream, signal: AbortSignal): NodeJS.WritableStream {
  return new Proxy(stream, {
    get(target, property) {
      if (property === "write") return (...args: Parameters<typeof target.write>) => (signal.aborted ? true : target.write(...args));
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

export function createDockerodeClient(docker: Dockerode, endpoint: Endpoint, engine: EngineVersion): DockerClient {
  const networkNames = async () => new Map((await docker.listNetworks()).map((n) => [n.Id, n.Name]));
  return {
    endpoint,
    engine,
    info: async () => toDaemonInfo(await docker.info()),
    listContainers: async (options) => (await docker.listContainers({ all: options?.all ?? false })).map(toContainerSummary),
    listImages: async () => (await docker.listImages()).map(toImageSummary),
    listServices: async () => (await docker.listServices()).map(toServiceSummary),
    runThrowaway: (spec) => runThrowaway(docker, spec),

    inspectContainer: async (idOrName) => {
      const raw = await unlessMissing(docker.getContainer(idOrName).inspect());
      return raw && toContainerDetails(raw);
    },
    containerLogs: async (idOrName) => {
      const container = docker.getContainer(idOrName);
      const raw = await unlessMissing(container.inspect());
      if (!raw) return "";
      // follow:false answers with a Buffer, multiplexed unless the container has a TTY.
      const logs = (await unlessMissing(container.logs({ stdout: true, stderr: true, follow: false }))) as Buffer | undefined;
      return logs ? interleavedOutput(logs, raw.Config?.Tty === true) : "";
    },
    containerDiff: async (idOrName) =>
      toFileChanges(((await unlessMissing(docker.getContainer(idOrName).changes())) as RawFileChange[] | undefined) ?? []),
    exec: (idOrName, command) => execInContainer(docker, idOrName, command),
    inspectImage: async (ref) => {
      const raw = await unlessMissing(docker.getImage(ref).inspect());
      return raw && toImageDetails(raw);
    },
    imageHistory: async (ref) =>
      toImageHistory(((await unlessMissing(docker.getImage(ref).history())) as RawHistoryEntry[] | undefined) ?? []),
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
    listNodes: async () => {
      type RawNode = {
        ID: string;
        Description?: { Hostname?: string };
        Spec?: { Role?: string; Availability?: string };
        Status?: { State?: string };
      };
      const raw: RawNode[] = await orFallback(docker.listNodes() as Promise<RawNode[]>, [], isAbsentFromSwarm);
      return raw.map((n) => ({
        id: n.ID,
        hostname: n.Description?.Hostname ?? "",
        role: n.Spec?.Role ?? "",
        availability: n.Spec?.Availability ?? "",
        state: n.Status?.State ?? "unknown",
      }));
    },

    events: ({ signal, since }) => readEvents(() => docker.getEvents(since ? { since: toSinceSeconds(since) } : {}), signal),

    // v:false keeps the container's volumes: they may hold the learner's data.
    removeContainer: (id) =>
      removal(
        `container \`${id}\``,
        docker.getContainer(id).remove({ force: true, v: true /* anonymous volumes only: they belong to this container alone */ }),
      ),
    // DELETE /images/<tag> without force removes only that tag when the image has others,
    // and the daemon refuses (409) to delete by ID an image that several tags name.
    removeImage: (ref) => removal(`image \`${ref}\``, docker.getImage(ref).remove({ force: false })),
    removeNetwork: (id) => removal(`network \`${id}\``, docker.getNetwork(id).remove()),
    removeVolume: (name) => removal(`volume \`${name}\``, docker.getVolume(name).remove()),
    removeService: (id) => removal(`service \`${id}\``, docker.getService(id).remove()),
    leaveSwarm: async () => {
      await docker.swarmLeave({ force: true });
    },

    whyNotPullable: (ref) =>
      docker
        .getImage(ref)
        .distribution({})
        .then(
          () => undefined,
          (error: unknown) => daemonMessageOf(error),
        ),

    playground: () => createPlaygroundHost(docker),

    runCommand: async (line, io) => {
      // Loaded on first use: the interpreter's command tables are only needed by solve, explain and the prompt.
      const [{ runLine }, { dockerodeTransport }] = await Promise.all([
        import("./interpreter/interpret.js"),
        import("./interpreter/dockerode-transport.js"),
      ]);
      const { signal } = io;
      if (!signal) return runLine(line, { vars: io.env, cwd: io.cwd }, dockerodeTransport(docker), io);
      if (signal.aborted) return INTERRUPTED;
      try {
        const stderr = quietOnceAborted(io.stderr, signal);
        // Every request the command dials is tied to the signal: aborting cuts them all.
        return await runLine(line, { vars: io.env, cwd: io.cwd }, dockerodeTransport(docker, signal), { ...io, stderr });
      } catch (error) {
        if (signal.aborted) return INTERRUPTED;
        throw error;
      }
    },
  };
}
