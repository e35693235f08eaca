import type Dockerode from "dockerode";
import type { Endpoint } from "./endpoint.js";
import { demuxLogs } from "./log-frames.js";
import { toContainerSummary, toDaemonInfo, toImageSummary, toServiceSummary } from "./map-views.js";
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
  ServiceDetails,
  ServiceSummary,
  TaskSummary,
  ThrowawayResult,
  ThrowawaySpec,
  VolumeDetails,
} from "./views.js";

/** The label every resource the tutor makes for itself carries. */
export const TUTOR_LABEL = "docker-tutor.owner";

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

  // Reading state for checks. Each returns undefined (never throws) when the object does not exist.
  inspectContainer(idOrName: string): Promise<ContainerDetails | undefined>;
  /** stdout and stderr together, demultiplexed, as `docker logs` prints them. */
  containerLogs(idOrName: string): Promise<string>;
  containerDiff(idOrName: string): Promise<FileChange[]>;
  /** Runs a command in a running container (no TTY) and collects its output. */
  exec(idOrName: string, command: readonly string[]): Promise<{ exitCode: number; output: string }>;
  inspectImage(ref: string): Promise<ImageDetails | undefined>;
  imageHistory(ref: string): Promise<ImageHistoryEntry[]>;
  listNetworks(): Promise<NetworkDetails[]>;
  inspectNetwork(idOrName: string): Promise<NetworkDetails | undefined>;
  listVolumes(): Promise<VolumeDetails[]>;
  inspectVolume(name: string): Promise<VolumeDetails | undefined>;
  /** Only on a swarm manager; [] elsewhere. */
  listServicesDetailed(): Promise<ServiceDetails[]>;
  inspectService(idOrName: string): Promise<ServiceDetails | undefined>;
  listTasks(filters?: { service?: string }): Promise<TaskSummary[]>;

  /** The daemon's event stream until the signal aborts; errors end the iteration with a throw. */
  events(options: { signal: AbortSignal; since?: Date }): AsyncIterable<DockerEvent>;

  // Removing: used by reset and cleanup, only on objects ownership rules allow.
  removeContainer(id: string): Promise<void>;
  removeImage(ref: string): Promise<void>;
  removeNetwork(id: string): Promise<void>;
  removeVolume(name: string): Promise<void>;
  removeService(id: string): Promise<void>;
}

export function createDockerodeClient(docker: Dockerode, endpoint: Endpoint, engine: EngineVersion): DockerClient {
  return {
    endpoint,
    engine,
    info: async () => toDaemonInfo(await docker.info()),
    listContainers: async (options) => (await docker.listContainers({ all: options?.all ?? false })).map(toContainerSummary),
    listImages: async () => (await docker.listImages()).map(toImageSummary),
    listServices: async () => (await docker.listServices()).map(toServiceSummary),
    runThrowaway: (spec) => runThrowaway(docker, spec),
  };
}

async function runThrowaway(docker: Dockerode, spec: ThrowawaySpec): Promise<ThrowawayResult> {
  const container = await docker.createContainer({
    Image: spec.image,
    Cmd: [...spec.command],
    Labels: { [TUTOR_LABEL]: "docker-tutor", "docker-tutor.purpose": spec.purpose },
    HostConfig: {
      NetworkMode: spec.networkMode,
      Mounts: (spec.readOnlyBinds ?? []).map((b) => ({ Type: "bind", Source: b.source, Target: b.target, ReadOnly: true })),
    },
  });
  try {
    // The CLI registers the wait before starting, so a fast exit is never missed.
    const exited = container.wait({ condition: "next-exit" }) as Promise<{ StatusCode: number }>;
    await container.start();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the ${spec.purpose} probe took longer than ${spec.timeoutMs} ms`)), spec.timeoutMs);
    });
    const { StatusCode } = await Promise.race([exited, timedOut]).finally(() => clearTimeout(timer));
    const logs = (await container.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer;
    const { stdout, stderr } = demuxLogs(logs);
    return { exitCode: StatusCode, output: stdout + stderr };
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}
