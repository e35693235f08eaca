/** Our own shapes for what the daemon reports; nothing outside src/docker sees dockerode's payloads. */

export interface EngineVersion {
  /** e.g. `20.10.24+dfsg1` */
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
  readonly swarm: {
    readonly state: SwarmState;
    /** True on a manager; a worker cannot list services. */
    readonly isManager: boolean;
    readonly nodeId: string;
    readonly managers: number;
    readonly nodes: number;
  };
  readonly registryMirrors: readonly string[];
}

export interface PublishedPort {
  readonly containerPort: number;
  readonly hostPort: number | undefined;
  readonly hostIp: string | undefined;
  readonly protocol: "tcp" | "udp" | "sctp";
}

export interface ContainerSummary {
  readonly id: string;
  /** Without the leading slash. */
  readonly name: string;
  readonly image: string;
  readonly state: string;
  readonly ports: readonly PublishedPort[];
  readonly labels: Readonly<Record<string, string>>;
}

export interface ImageSummary {
  readonly id: string;
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
  readonly command: readonly string[];
  readonly purpose: string;
  readonly networkMode?: string;
  readonly readOnlyBinds?: readonly { readonly source: string; readonly target: string }[];
  readonly timeoutMs: number;
}

export interface ThrowawayResult {
  readonly exitCode: number;
  readonly output: string;
}
