import type Dockerode from "dockerode";
import { familiarImageName } from "./image-ref.js";
import { familiarTags, toProtocol } from "./map-views.js";
import type {
  ContainerDetails,
  FileChange,
  ImageDetails,
  ImageHistoryEntry,
  NetworkDetails,
  PublishedPort,
  VolumeDetails,
} from "./views.js";

/** The daemon sends `null` for many "empty" fields even where @types/dockerode says otherwise. */
type Nullable<T> = { [K in keyof T]?: T[K] | null };
type PortMap = Record<string, readonly { HostIp?: string; HostPort?: string }[] | null>;

export function toContainerDetails(raw: Dockerode.ContainerInspectInfo): ContainerDetails {
  const config: Nullable<Dockerode.ContainerInspectInfo["Config"]> = raw.Config ?? {};
  const livePorts = (raw.NetworkSettings?.Ports ?? {}) as PortMap;
  const boundPorts = (raw.HostConfig?.PortBindings ?? {}) as PortMap;
  return {
    id: raw.Id,
    name: raw.Name.replace(/^\//, ""),
    image: familiarImageName(config.Image ?? ""),
    imageId: raw.Image,
    command: [raw.Path, ...(raw.Args ?? [])].filter((word) => word !== ""),
    cmd: config.Cmd ?? [],
    created: new Date(raw.Created),
    status: raw.State.Status,
    running: raw.State.Running,
    exitCode: raw.State.ExitCode,
    tty: config.Tty === true,
    openStdin: config.OpenStdin === true,
    // A stopped container has no live ports; what it was created with is what the learner asked for.
    ports: toPublishedPorts(Object.keys(livePorts).length > 0 ? livePorts : boundPorts),
    mounts: (raw.Mounts ?? []).map((m) => ({
      type: m.Type,
      source: m.Source,
      target: m.Destination,
      readOnly: m.RW === false,
      ...(m.Name ? { name: m.Name } : {}),
    })),
    networks: Object.keys(raw.NetworkSettings?.Networks ?? {}),
    env: toEnvRecord(config.Env ?? []),
    labels: config.Labels ?? {},
  };
}

function toPublishedPorts(map: PortMap): PublishedPort[] {
  return Object.entries(map).flatMap(([key, bindings]) => {
    const [port = "0", protocol] = key.split("/");
    const containerPort = Number(port);
    if (!bindings || bindings.length === 0)
      return [{ containerPort, hostPort: undefined, hostIp: undefined, protocol: toProtocol(protocol) }];
    return bindings.map((b) => ({
      containerPort,
      hostPort: b.HostPort ? Number(b.HostPort) : undefined,
      hostIp: b.HostIp || undefined,
      protocol: toProtocol(protocol),
    }));
  });
}

function toEnvRecord(lines: readonly string[]): Record<string, string> {
  const entries = lines.map((line) => {
    const eq = line.indexOf("=");
    return eq === -1 ? [line, ""] : [line.slice(0, eq), line.slice(eq + 1)];
  });
  return Object.fromEntries(entries);
}

export function toImageDetails(raw: Dockerode.ImageInspectInfo): ImageDetails {
  const config: Nullable<Dockerode.ImageInspectInfo["Config"]> = raw.Config ?? {};
  return {
    id: raw.Id,
    tags: familiarTags(raw.RepoTags),
    layers: raw.RootFS?.Layers ?? [],
    cmd: config.Cmd ?? [],
    entrypoint: toWords(config.Entrypoint),
    workingDir: config.WorkingDir ?? "",
    exposedPorts: Object.keys(config.ExposedPorts ?? {}),
    created: new Date(raw.Created),
    labels: config.Labels ?? {},
  };
}

const toWords = (value: string | string[] | null | undefined): string[] =>
  value == null ? [] : typeof value === "string" ? [value] : value;

export interface RawHistoryEntry {
  Id?: string;
  CreatedBy?: string;
  Size?: number;
}

export const toImageHistory = (raw: readonly RawHistoryEntry[] | null): ImageHistoryEntry[] =>
  (raw ?? []).map((h) => ({ id: h.Id ?? "<missing>", createdBy: h.CreatedBy ?? "", size: h.Size ?? 0 }));

export interface RawFileChange {
  Path: string;
  Kind: number;
}

/** Kind is 0 (changed), 1 (added) or 2 (deleted), as `docker container diff` prints C, A and D. */
export const toFileChanges = (raw: readonly RawFileChange[] | null): FileChange[] =>
  (raw ?? []).map((c) => ({ path: c.Path, kind: c.Kind === 1 ? "added" : c.Kind === 2 ? "deleted" : "changed" }));

export function toNetworkDetails(raw: Dockerode.NetworkInspectInfo): NetworkDetails {
  return {
    id: raw.Id,
    name: raw.Name,
    driver: raw.Driver,
    scope: raw.Scope,
    attachable: raw.Attachable === true,
    created: new Date(raw.Created),
    labels: raw.Labels ?? {},
    // IPv4Address comes with its prefix length: "172.17.0.2/16".
    containers: Object.entries(raw.Containers ?? {}).map(([id, c]) => ({
      id,
      name: c.Name,
      ipv4: (c.IPv4Address ?? "").split("/")[0] ?? "",
    })),
    subnets: (raw.IPAM?.Config ?? []).flatMap((config) => (config.Subnet ? [config.Subnet] : [])),
  };
}

export function toVolumeDetails(raw: Dockerode.VolumeInspectInfo & { CreatedAt?: string }): VolumeDetails {
  return {
    name: raw.Name,
    driver: raw.Driver,
    mountpoint: raw.Mountpoint,
    created: raw.CreatedAt ? new Date(raw.CreatedAt) : undefined,
    labels: raw.Labels ?? {},
  };
}
