/** Parsing a docker host string the way the docker CLI's `-H` and DOCKER_HOST accept it. */

export const DEFAULT_UNIX_SOCKET = "/var/run/docker.sock";
export const DEFAULT_NPIPE = "//./pipe/docker_engine";

export type ParsedHost = { readonly ok: true; readonly host: string } | { readonly ok: false; readonly problem: string };

/**
 * Normalises `-H`/DOCKER_HOST values: `unix://` alone means the default socket, a bare `host:port`
 * means tcp, and tcp without a port gets 2375 (2376 with TLS), as docker/cli `opts/hosts.go` does.
 */
export function parseDockerHost(raw: string, tls: boolean): ParsedHost {
  const value = raw.trim();
  if (value === "") return { ok: false, problem: "it is empty" };
  const withScheme = value.includes("://") ? value : `tcp://${value}`;
  const scheme = withScheme.slice(0, withScheme.indexOf("://")).toLowerCase();
  const rest = withScheme.slice(scheme.length + 3);
  switch (scheme) {
    case "unix":
      return { ok: true, host: `unix://${rest || DEFAULT_UNIX_SOCKET}` };
    case "npipe":
      return { ok: true, host: `npipe://${rest || DEFAULT_NPIPE}` };
    case "tcp":
    case "http":
    case "https":
      return parseTcp(rest, tls);
    case "ssh":
      return parseSsh(withScheme);
    default:
      return { ok: false, problem: `its scheme "${scheme}://" is not one docker accepts (unix, tcp, npipe, ssh)` };
  }
}

function parseTcp(rest: string, tls: boolean): ParsedHost {
  let url: URL;
  try {
    url = new URL(`tcp://${rest}`);
  } catch {
    return { ok: false, problem: `"${rest}" is not a host:port address` };
  }
  if (url.pathname !== "" && url.pathname !== "/") {
    return { ok: false, problem: `a tcp address takes no path ("${url.pathname}")` };
  }
  const hostname = url.hostname || "127.0.0.1";
  const port = url.port || (tls ? "2376" : "2375");
  return { ok: true, host: `tcp://${hostname}:${port}` };
}

function parseSsh(value: string): ParsedHost {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, problem: "it is not an ssh://[user@]host[:port] address" };
  }
  if (url.hostname === "") return { ok: false, problem: "an ssh:// address needs a host" };
  return { ok: true, host: value };
}

/** The socket path of a unix:// or npipe:// host; undefined for network hosts. */
export function socketPathOf(host: string): string | undefined {
  if (host.startsWith("unix://")) return host.slice("unix://".length);
  if (host.startsWith("npipe://")) return host.slice("npipe://".length);
  return undefined;
}
