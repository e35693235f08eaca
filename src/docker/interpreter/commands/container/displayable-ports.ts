/** One entry of `Ports` in GET /containers/json. */
export interface PortSummary {
  readonly IP?: string;
  readonly PrivatePort: number;
  readonly PublicPort?: number;
  readonly Type: string;
}

/**
 * docker/cli formatter `DisplayablePorts`, as `docker ps` prints PORTS: ports published on the same
 * number are grouped into ranges per address ("0.0.0.0:7000-7001->7000-7001/tcp"), exposed ones
 * per protocol ("5000/tcp"); mappings to another number come last ("0.0.0.0:8080->80/tcp").
 */
export function displayablePorts(ports: readonly PortSummary[]): string {
  const groups = new Map<string, { first: number; last: number }>();
  const result: string[] = [];
  const hostMappings: string[] = [];
  for (const port of [...ports].sort(comparePorts)) {
    const current = port.PrivatePort;
    let key = port.Type;
    if (port.IP !== undefined && port.IP !== "") {
      if (port.PublicPort !== current) {
        hostMappings.push(`${joinHostPort(port.IP, String(port.PublicPort ?? 0))}->${current}/${port.Type}`);
        continue;
      }
      key = `${port.IP}/${port.Type}`;
    }
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { first: current, last: current });
    else if (current === group.last + 1) group.last = current;
    else {
      result.push(formGroup(key, group.first, group.last));
      // Go reassigns the map entry, which keeps the key's first place in the final pass.
      groups.set(key, { first: current, last: current });
    }
  }
  for (const [key, group] of groups) result.push(formGroup(key, group.first, group.last));
  return [...result, ...hostMappings].join(", ");
}

function formGroup(key: string, first: number, last: number): string {
  const slash = key.lastIndexOf("/");
  const ip = slash < 0 ? "" : key.slice(0, slash);
  const type = slash < 0 ? key : key.slice(slash + 1);
  const range = first === last ? String(first) : `${first}-${last}`;
  return ip === "" ? `${range}/${type}` : `${joinHostPort(ip, range)}->${range}/${type}`;
}

/** net.JoinHostPort: an IPv6 address goes in brackets. */
const joinHostPort = (host: string, port: string): string => (host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`);

function comparePorts(a: PortSummary, b: PortSummary): number {
  if (a.PrivatePort !== b.PrivatePort) return a.PrivatePort - b.PrivatePort;
  const ipA = a.IP ?? "";
  const ipB = b.IP ?? "";
  if (ipA !== ipB) return ipA < ipB ? -1 : 1;
  if ((a.PublicPort ?? 0) !== (b.PublicPort ?? 0)) return (a.PublicPort ?? 0) - (b.PublicPort ?? 0);
  return a.Type < b.Type ? -1 : a.Type > b.Type ? 1 : 0;
}
