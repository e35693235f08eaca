import type Dockerode from "dockerode";
import { familiarImageName } from "./image-ref.js";
import type { ContainerSummary, DaemonInfo, ImageSummary, PublishedPort, ServiceSummary, SwarmState } from "./views.js";

const SWARM_STATES: readonly SwarmState[] = ["inactive", "pending", "active", "error", "locked"];

export function toDaemonInfo(raw: {
  Name?: string;
  OperatingSystem?: string;
  Labels?: string[] | null;
  RegistryConfig?: { Mirrors?: string[] | null };
  SystemTime?: string;
  SecurityOptions?: string[] | null;
  Swarm?: {
    LocalNodeState?: string;
    ControlAvailable?: boolean;
    NodeID?: string;
    Managers?: number;
    Nodes?: number;
    Cluster?: { ID?: string } | null;
  };
}): DaemonInfo {
  const swarm = raw.Swarm ?? {};
  const state = SWARM_STATES.find((s) => s === swarm.LocalNodeState) ?? "inactive";
  return {
    name: raw.Name ?? "",
    operatingSystem: raw.OperatingSystem ?? "",
    labels: raw.Labels ?? [],
    swarm: {
      state,
      isManager: swarm.ControlAvailable === true,
      nodeId: swarm.NodeID ?? "",
      clusterId: swarm.Cluster?.ID ?? "",
      managers: swarm.Managers ?? 0,
      nodes: swarm.Nodes ?? 0,
    },
    registryMirrors: raw.RegistryConfig?.Mirrors ?? [],
    securityOptions: raw.SecurityOptions ?? [],
    // RFC 3339 with nanoseconds ("2026-12-06T10:17:46.360485303Z"); Date keeps the milliseconds.
    systemTime: raw.SystemTime ? new Date(raw.SystemTime) : undefined,
  };
}

export function toContainerSummary(raw: Dockerode.ContainerInfo): ContainerSummary {
  return {
    id: raw.Id,
    created: fromSeconds(raw.Created),
    name: (raw.Names?.[0] ?? "").replace(/^\//, ""),
    image: familiarImageName(raw.Image),
    state: raw.State,
    labels: raw.Labels ?? {},
    ports: (raw.Ports ?? []).map((p) => ({
      containerPort: p.PrivatePort,
      hostPort: p.PublicPort || undefined,
      hostIp: p.IP || undefined,
      protocol: toProtocol(p.Type),
    })),
  };
}

export function toImageSummary(raw: Dockerode.ImageInfo): ImageSummary {
  return { id: raw.Id, created: fromSeconds(raw.Created), tags: familiarTags(raw.RepoTags) };
}

export function toServiceSummary(raw: Dockerode.Service): ServiceSummary {
  const ports = raw.Endpoint?.Ports ?? raw.Spec?.EndpointSpec?.Ports ?? [];
  return {
    id: raw.ID,
    name: raw.Spec?.Name ?? raw.ID,
    ports: ports.map(
      (p): PublishedPort => ({
        containerPort: p.TargetPort ?? 0,
        hostPort: p.PublishedPort || undefined,
        hostIp: undefined,
        protocol: toProtocol(p.Protocol),
      }),
    ),
  };
}

/** Image tags as docker prints them (image-ref.ts, familiarImageName), without the `<none>:<none>` of an untagged image. */
export const familiarTags = (tags: readonly string[] | null | undefined): string[] =>
  (tags ?? []).filter((t) => t !== "<none>:<none>").map(familiarImageName);

/** List endpoints give `Created` in seconds since the epoch; inspect endpoints give an ISO string. */
export const fromSeconds = (seconds: number | undefined): Date => new Date((seconds ?? 0) * 1000);

export function toProtocol(value: string | undefined): PublishedPort["protocol"] {
  return value === "udp" || value === "sctp" ? value : "tcp";
}
