import { isIP } from "node:net";
import { type Refusal, refuse } from "../../command.js";

/**
 * `-p/--publish` as the docker CLI reads it: go-connections `nat.ParsePortSpecs`
 * (vendored by docker/cli), error texts included. Each published port is also exposed.
 */
export interface PortBinding {
  readonly HostIp: string;
  readonly HostPort: string;
}

export interface PublishedPorts {
  /** "80/tcp" → {} — what the create body calls ExposedPorts. */
  readonly exposed: Readonly<Record<string, Record<string, never>>>;
  /** "80/tcp" → the host sides, in the order they were typed. */
  readonly bindings: Readonly<Record<string, readonly PortBinding[]>>;
}

interface PortMapping {
  readonly port: string;
  readonly binding: PortBinding;
}

export function parsePublishedPorts(specs: readonly string[]): PublishedPorts | Refusal {
  const exposed: Record<string, Record<string, never>> = {};
  const bindings: Record<string, PortBinding[]> = {};
  for (const spec of specs) {
    const mappings = parsePortSpec(spec);
    if (!Array.isArray(mappings)) return mappings;
    for (const { port, binding } of mappings) {
      exposed[port] = {};
      bindings[port] = [...(bindings[port] ?? []), binding];
    }
  }
  return { exposed, bindings };
}

/** nat.ParsePortSpec: `[ip:][hostPort:]containerPort[/proto]`, either port side may be a range. */
export function parsePortSpec(raw: string): PortMapping[] | Refusal {
  if (raw.includes("="))
    return refuse(`the long --publish syntax (${raw}) is not supported here; write it as [ip:]hostPort:containerPort[/proto]`);
  const [rawIp, hostPort, protoPort] = splitParts(raw);
  const [proto, containerPort] = splitProtoPort(protoPort);
  const ip = rawIp.startsWith("[") && rawIp.endsWith("]") ? rawIp.slice(1, -1) : rawIp;
  if (ip !== "" && isIP(ip) === 0) return refuse(`invalid IP address: ${ip}`);
  if (containerPort === "") return refuse(`no port specified: ${raw}<empty>`);
  const container = parsePortRange(containerPort);
  if (container === undefined) return refuse(`invalid containerPort: ${containerPort}`);
  const host = hostPort === "" ? undefined : parsePortRange(hostPort);
  if (hostPort !== "" && host === undefined) return refuse(`invalid hostPort: ${hostPort}`);
  const count = container.end - container.start + 1;
  if (host !== undefined && host.end - host.start + 1 !== count && count !== 1) {
    return refuse(`invalid ranges specified for container and host Ports: ${containerPort} and ${hostPort}`);
  }
  const protocol = proto.toLowerCase();
  if (!["tcp", "udp", "sctp"].includes(protocol)) return refuse(`invalid proto: ${protocol}`);
  return Array.from({ length: count }, (_, i) => ({
    port: `${container.start + i}/${protocol}`,
    binding: { HostIp: ip, HostPort: hostSide(host, i, count) },
  }));
}

/** A host range with a single container port is a pool the daemon picks from: "8000-8010". */
function hostSide(host: { start: number; end: number } | undefined, i: number, count: number): string {
  if (host === undefined) return "";
  const port = String(host.start + i);
  return count === 1 && host.start !== host.end ? `${port}-${host.end}` : port;
}

/** 1 part: container port; 2: host:container; 3: ip:host:container; more: an IPv6 address before them. */
function splitParts(raw: string): [string, string, string] {
  const parts = raw.split(":");
  const container = parts.at(-1) ?? "";
  if (parts.length === 1) return ["", "", container];
  if (parts.length === 2) return ["", parts[0] ?? "", container];
  return [parts.slice(0, -2).join(":"), parts.at(-2) ?? "", container];
}

function splitProtoPort(raw: string): [string, string] {
  const [port = "", proto] = raw.split("/");
  if (port === "") return ["", ""];
  return [proto === undefined || proto === "" ? "tcp" : proto, port];
}

/** nat.ParsePortRange: "80" or "8000-8010", each a uint16 (strconv.ParseUint: digits only). */
function parsePortRange(text: string): { start: number; end: number } | undefined {
  const [first = "", second] = text.split("-");
  const start = parseUint16(first);
  const end = second === undefined ? start : parseUint16(second);
  if (start === undefined || end === undefined || end < start) return undefined;
  return { start, end };
}

function parseUint16(text: string): number | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value <= 65535 ? value : undefined;
}
