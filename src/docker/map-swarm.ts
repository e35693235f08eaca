import type { NodeSummary, ServiceDetails, TaskSummary } from "./views.js";

/** The parts of GET /services and /tasks we read (@types/dockerode types these loosely). */
export interface RawService {
  ID: string;
  CreatedAt?: string;
  Spec?: {
    Name?: string;
    Labels?: Record<string, string> | null;
    Mode?: { Replicated?: { Replicas?: number }; Global?: object };
    TaskTemplate?: { ContainerSpec?: { Image?: string }; Networks?: { Target?: string }[] | null };
    Networks?: { Target?: string }[] | null;
    EndpointSpec?: { Ports?: RawServicePort[] | null };
  };
  Endpoint?: { Ports?: RawServicePort[] | null };
}

interface RawServicePort {
  TargetPort?: number;
  PublishedPort?: number;
  PublishMode?: string;
}

export interface RawTask {
  ID: string;
  ServiceID?: string;
  NodeID?: string;
  Status?: { State?: string };
  DesiredState?: string;
}

/** `networkNames` maps network IDs to names: a service spec only holds IDs. */
export function toServiceDetails(raw: RawService, networkNames: ReadonlyMap<string, string>): ServiceDetails {
  const spec = raw.Spec ?? {};
  const attachments = spec.TaskTemplate?.Networks ?? spec.Networks ?? [];
  const ports = raw.Endpoint?.Ports ?? spec.EndpointSpec?.Ports ?? [];
  const global = spec.Mode?.Global !== undefined;
  return {
    id: raw.ID,
    name: spec.Name ?? raw.ID,
    image: spec.TaskTemplate?.ContainerSpec?.Image ?? "",
    mode: global ? "global" : "replicated",
    replicas: global ? undefined : (spec.Mode?.Replicated?.Replicas ?? 1),
    networks: attachments.flatMap((n) => (n.Target ? [networkNames.get(n.Target) ?? n.Target] : [])),
    ports: ports.map((p) => ({
      target: p.TargetPort ?? 0,
      published: p.PublishedPort ?? 0,
      mode: p.PublishMode === "host" ? "host" : "ingress",
    })),
    labels: spec.Labels ?? {},
    created: new Date(raw.CreatedAt ?? 0),
  };
}

export function toTaskSummary(raw: RawTask): TaskSummary {
  return {
    id: raw.ID,
    serviceId: raw.ServiceID ?? "",
    nodeId: raw.NodeID ?? "",
    state: raw.Status?.State ?? "unknown",
    desiredState: raw.DesiredState ?? "unknown",
  };
}

/** The parts of GET /nodes we read. */
export interface RawNode {
  ID: string;
  Description?: { Hostname?: string };
  Spec?: { Role?: string; Availability?: string };
  Status?: { State?: string };
}

export function toNodeSummary(n: RawNode): NodeSummary {
  return {
    id: n.ID,
    hostname: n.Description?.Hostname ?? "",
    role: n.Spec?.Role ?? "",
    availability: n.Spec?.Availability ?? "",
    state: n.Status?.State ?? "unknown",
  };
}
