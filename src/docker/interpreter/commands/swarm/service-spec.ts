import { ImageRef, isImageRef } from "../../../image-ref.js";
import { type Refusal, refuse } from "../../command.js";

/** One published port of a service, as the API's PortConfig. */
export interface PortConfig {
  readonly Protocol: string;
  readonly TargetPort: number;
  readonly PublishedPort?: number;
  readonly PublishMode: "ingress" | "host";
}

const portNumber = (text: string): number | undefined => (/^\d+$/.test(text) && Number(text) <= 65535 ? Number(text) : undefined);

/**
 * `--publish` as docker's PortOpt reads it: `8080:80`, `8080:80/udp`, `80` (the swarm picks the
 * published port), or the long form `mode=host,target=80,published=8080,protocol=tcp`.
 */
export function parsePublish(value: string): PortConfig | Refusal {
  if (value.includes("=")) return parseLongPublish(value);
  const [ports = "", protocol = "tcp"] = value.split("/");
  const parts = ports.split(":");
  if (parts.length > 2) return refuse(`invalid publish "${value}": a service publishes on every node, so it takes no host IP`);
  if (ports.includes("-")) return refuse(`port ranges in --publish ${value} are not run by the interpreter; the docker CLI runs them`);
  const target = portNumber(parts[parts.length - 1] ?? "");
  const published = parts.length === 2 ? portNumber(parts[0] ?? "") : undefined;
  if (target === undefined || (parts.length === 2 && published === undefined)) return refuse(`invalid publish "${value}"`);
  return {
    Protocol: protocol,
    TargetPort: target,
    ...(published === undefined ? {} : { PublishedPort: published }),
    PublishMode: "ingress",
  };
}

function parseLongPublish(value: string): PortConfig | Refusal {
  let target: number | undefined;
  let published: number | undefined;
  let mode: "ingress" | "host" = "ingress";
  let protocol = "tcp";
  for (const field of value.split(",")) {
    const [key = "", text = ""] = field.split("=");
    switch (key.toLowerCase()) {
      case "target":
        target = portNumber(text);
        if (target === undefined) return refuse(`invalid target port in --publish ${value}`);
        break;
      case "published":
        published = portNumber(text);
        if (published === undefined) return refuse(`invalid published port in --publish ${value}`);
        break;
      case "mode":
        if (text !== "ingress" && text !== "host")
          return refuse(`invalid publish mode value (${text}): must be either "ingress" or "host"`);
        mode = text;
        break;
      case "protocol":
        if (!["tcp", "udp", "sctp"].includes(text)) return refuse(`invalid protocol value (${text}) in --publish`);
        protocol = text;
        break;
      default:
        return refuse(`invalid field key ${key} in --publish ${value}`);
    }
  }
  if (target === undefined) return refuse(`missing mandatory field "target" in --publish ${value}`);
  return { Protocol: protocol, TargetPort: target, ...(published === undefined ? {} : { PublishedPort: published }), PublishMode: mode };
}

/** The image as the CLI sends it when the registry does not answer: the name as typed. With a digest: `alpine:latest@sha256:…`. */
export function pinnedImage(image: string, digest: string | undefined): string {
  if (digest === undefined) return image;
  const ref = ImageRef.parse(image);
  if (!isImageRef(ref) || ref.digest !== undefined) return image;
  return `${ref.withDefaultTag().familiarString}@${digest}`;
}

/** "alpine:latest", the name GET /distribution/{name}/json takes. */
export function distributionName(image: string): string {
  const ref = ImageRef.parse(image);
  return isImageRef(ref) ? ref.withDefaultTag().familiarString : image;
}

/**
 * How the CLI shows a service's or task's image: a tagged reference without its digest
 * (`alpine:latest@sha256:…` → `alpine:latest`); anything else as it is.
 */
export function displayImage(image: string): string {
  const ref = ImageRef.parse(image);
  if (!isImageRef(ref) || ref.tag === undefined) return image;
  return ref.withoutDigest().familiarString;
}

export interface Platform {
  readonly Architecture: string;
  readonly OS: string;
}

export interface ServiceIntentBase {
  readonly name: string;
  readonly image: string;
  readonly args: readonly string[];
  readonly env: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  readonly mode: "replicated" | "global";
  readonly replicas?: number;
  readonly ports: readonly PortConfig[];
  /** `--endpoint-mode`: a virtual IP (the default) or DNS round robin over the tasks' own addresses. */
  readonly endpointMode?: "vip" | "dnsrr";
}

/** The ServiceSpec `docker service create` sends, once networks are IDs and the image is pinned. */
export function serviceSpec(
  intent: ServiceIntentBase,
  resolved: { readonly image: string; readonly platforms: readonly Platform[]; readonly networkIds: readonly string[] },
): Record<string, unknown> {
  return {
    Name: intent.name,
    Labels: intent.labels,
    TaskTemplate: {
      ContainerSpec: {
        Image: resolved.image,
        ...(intent.args.length > 0 ? { Args: intent.args } : {}),
        ...(intent.env.length > 0 ? { Env: intent.env } : {}),
        Init: false,
        DNSConfig: {},
      },
      Resources: { Limits: {}, Reservations: {} },
      Placement: resolved.platforms.length > 0 ? { Platforms: resolved.platforms } : {},
      ...(resolved.networkIds.length > 0 ? { Networks: resolved.networkIds.map((Target) => ({ Target })) } : {}),
      ForceUpdate: 0,
    },
    Mode: intent.mode === "global" ? { Global: {} } : { Replicated: intent.replicas === undefined ? {} : { Replicas: intent.replicas } },
    EndpointSpec: { Mode: intent.endpointMode ?? "vip", ...(intent.ports.length > 0 ? { Ports: intent.ports } : {}) },
  };
}

/** One line per port for `explain`. */
export const portNote = (port: PortConfig): string =>
  port.PublishMode === "host"
    ? `EndpointSpec.Ports: ${port.PublishedPort ?? "a free port"} on the node running each task → ${port.TargetPort}/${port.Protocol} (host mode: no routing mesh)`
    : `EndpointSpec.Ports: ${port.PublishedPort ?? "a free port"} on every node → ${port.TargetPort}/${port.Protocol} (ingress: the routing mesh forwards to any task)`;
