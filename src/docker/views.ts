/** Our own shapes for what the daemon reports; nothing outside src/docker sees dockerode's payloads. */

export interface EngineVersion {
  /** Docker's Engine, or Podman's Docker-compatible service (see daemon-kind.ts). */
  readonly product: "docker" | "podman";
  /** e.g. `20.10.24+dfsg1`; Podman's own version on Podman. */
  readonly version: string;
  /** What the daemon speaks at most, e.g. `1.41`. */
  readonly apiVersion: string;
  readonly minApiVersion: string;
  /** What we pinned after negotiation. */
  readonly negotiatedApiVersion: string;
  readonly os: string;
  readonly arch: string;
  readonly kernelVersion: string;
}

export type SwarmState = "inactive" | "pending" | "active" | "error" | "locked";

export interface DaemonInfo {
  readonly name: string;
  readonly operatingSystem: string;
  /** The daemon's own labels (`dockerd --label`), as `key=value`. */
  readonly labels: readonly string[];
  readonly swarm: {
    readonly state: SwarmState;
    /** True on a manager; a worker cannot list services. */
    readonly isManager: boolean;
    readonly nodeId: string;
    /** The swarm's own id, as a manager sees it (`Swarm.Cluster.ID`); empty on a worker or outside a swarm. */
    readonly clusterId: string;
    readonly managers: number;
    readonly nodes: number;
  };
  readonly registryMirrors: readonly string[];
  /** e.g. `name=seccomp,profile=builtin`, `name=rootless`. */
  readonly securityOptions: readonly string[];
  /** The daemon's clock when it answered (`SystemTime`); undefined when it does not say. See daemon-clock.ts. */
  readonly systemTime: Date | undefined;
}

export interface PublishedPort {
  readonly containerPort: number;
  readonly hostPort: number | undefined;
  readonly hostIp: string | undefined;
  readonly protocol: "tcp" | "udp" | "sctp";
}

export interface ContainerSummary {
  readonly id: string;
  readonly created: Date;
  /** Without the leading slash. */
  readonly name: string;
  readonly image: string;
  readonly state: string;
  readonly ports: readonly PublishedPort[];
  readonly labels: Readonly<Record<string, string>>;
}

export interface ImageSummary {
  readonly id: string;
  readonly created: Date;
  readonly tags: readonly string[];
}

export interface ServiceSummary {
  readonly id: string;
  readonly name: string;
  readonly ports: readonly PublishedPort[];
}

/** A short-lived container the tutor makes for itself (a probe), always removed afterwards. */
export interface ThrowawaySpec {
  readonly image: string;
  /** Instead of the image's entrypoint (a node image's starts dockerd). */
  readonly entrypoint?: readonly string[];
  readonly command: readonly string[];
  readonly purpose: string;
  /** More labels, e.g. a playground's, so that removing it by label removes a probe left by a crash. */
  readonly labels?: Readonly<Record<string, string>>;
  readonly networkMode?: string;
  /** `host`: the probe sees the daemon host's processes (its PID 1's capability bounding set). */
  readonly pidMode?: "host";
  readonly readOnlyBinds?: readonly { readonly source: string; readonly target: string }[];
  /** Named volumes mounted read-only (a volume name is not a valid bind source). */
  readonly volumes?: readonly { readonly name: string; readonly target: string }[];
  readonly timeoutMs: number;
}

export interface ThrowawayResult {
  readonly exitCode: number;
  readonly output: string;
}

export interface ContainerDetails {
  readonly id: string;
  readonly name: string;
  /** The image as the user named it (`Config.Image`, e.g. `alpine`). */
  readonly image: string;
  readonly imageId: string;
  /** Entrypoint and command as run (`Path` + `Args`), e.g. `["echo", "hello from alpine"]`. */
  readonly command: readonly string[];
  /** `Config.Cmd` only. */
  readonly cmd: readonly string[];
  readonly created: Date;
  readonly status: string;
  readonly running: boolean;
  readonly exitCode: number;
  readonly tty: boolean;
  readonly openStdin: boolean;
  /** Published ports while it runs; for a stopped container, the bindings it was created with. */
  readonly ports: readonly PublishedPort[];
  readonly mounts: readonly {
    readonly type: string;
    readonly source: string;
    readonly target: string;
    readonly name?: string;
    /** Mounted read-only (`readonly`, `:ro`): the container cannot write through it. */
    readonly readOnly: boolean;
  }[];
  readonly networks: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
}

export interface FileChange {
  readonly path: string;
  readonly kind: "changed" | "added" | "deleted";
}

export interface ImageDetails {
  readonly id: string;
  readonly tags: readonly string[];
  readonly layers: readonly string[];
  readonly cmd: readonly string[];
  readonly entrypoint: readonly string[];
  readonly workingDir: string;
  readonly exposedPorts: readonly string[];
  readonly created: Date;
  readonly labels: Readonly<Record<string, string>>;
}

export interface ImageHistoryEntry {
  readonly id: string;
  readonly createdBy: string;
  readonly size: number;
}

export interface NetworkDetails {
  readonly id: string;
  readonly name: string;
  readonly driver: string;
  readonly scope: string;
  readonly attachable: boolean;
  readonly created: Date;
  readonly labels: Readonly<Record<string, string>>;
  /** Attached containers (local ones; for swarm networks, those on this node), with their address on it. */
  readonly containers: readonly { readonly id: string; readonly name: string; readonly ipv4: string }[];
  /** IPAM.Config subnets, e.g. `172.17.0.0/16`. */
  readonly subnets: readonly string[];
}

export interface VolumeDetails {
  readonly name: string;
  readonly driver: string;
  readonly mountpoint: string;
  readonly created: Date | undefined;
  readonly labels: Readonly<Record<string, string>>;
}

export interface ServiceDetails {
  readonly id: string;
  readonly name: string;
  readonly image: string;
  readonly mode: "replicated" | "global";
  readonly replicas: number | undefined;
  /** Network names (the service's spec holds IDs; unknown IDs are kept as they are). */
  readonly networks: readonly string[];
  readonly ports: readonly { readonly target: number; readonly published: number; readonly mode: "ingress" | "host" }[];
  readonly labels: Readonly<Record<string, string>>;
  readonly created: Date;
}

export interface TaskSummary {
  readonly id: string;
  readonly serviceId: string;
  readonly nodeId: string;
  readonly state: string;
  readonly desiredState: string;
}

/** A swarm node, as a manager lists it. */
export interface NodeSummary {
  readonly id: string;
  readonly hostname: string;
  readonly role: string;
  /** active, pause or drain. */
  readonly availability: string;
  /** ready, down, unknown, disconnected. */
  readonly state: string;
}

/** One daemon event, keyed as the Engine API keys it (Type, Action, Actor). */
export interface DockerEvent {
  readonly type: string;
  readonly action: string;
  readonly actorId: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** Milliseconds since the epoch (from timeNano). */
  readonly timeMs: number;
}
