import { readFileSync } from "node:fs";
import type { Agent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { join } from "node:path";
import type Dockerode from "dockerode";
import { ExitCode, TutorError } from "../errors.js";
import type { Endpoint } from "./endpoint.js";

/** How long to wait for a connection before calling the endpoint dead; streams get no idle limit. */
const CONNECTION_TIMEOUT_MS = 5000;

/**
 * docker-modem fills its defaults from these in its constructor (lib/modem.js, defaultOpts:
 * https://github.com/apocas/docker-modem), and a default can still win: a DOCKER_HOST there sets
 * `host`, which beats an explicit `socketPath`, and DOCKER_CERT_PATH is read even when unused.
 */
const MODEM_ENV_KEYS = ["DOCKER_HOST", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH", "DOCKER_CLIENT_TIMEOUT", "DOCKER_PATH_PREFIX"];

/** Builds a dockerode client for exactly this endpoint, whatever the process environment says. */
export async function createDockerode(endpoint: Endpoint, env: Readonly<Record<string, string | undefined>>): Promise<Dockerode> {
  return withoutModemEnv(modemOptions(endpoint, env));
}

/** A dockerode whose connections come from `agent` (an exec tunnel): the address is never dialled. */
export function createAgentDockerode(agent: Agent): Promise<Dockerode> {
  return withoutModemEnv({
    protocol: "http",
    host: "localhost",
    port: 2375,
    agent,
    connectionTimeout: CONNECTION_TIMEOUT_MS,
  } as Dockerode.DockerOptions);
}

async function withoutModemEnv(options: Dockerode.DockerOptions): Promise<Dockerode> {
  const { default: Docker } = await import("dockerode");
  const saved = MODEM_ENV_KEYS.map((key) => [key, process.env[key]] as const);
  for (const key of MODEM_ENV_KEYS) delete process.env[key];
  try {
    return new Docker(options);
  } finally {
    for (const [key, value] of saved) if (value !== undefined) process.env[key] = value;
  }
}

function modemOptions(endpoint: Endpoint, env: Readonly<Record<string, string | undefined>>): Dockerode.DockerOptions {
  const base = { connectionTimeout: CONNECTION_TIMEOUT_MS } as Dockerode.DockerOptions;
  const url = new URL(endpoint.host);
  switch (url.protocol) {
    case "unix:":
      return { ...base, socketPath: endpoint.host.slice("unix://".length) };
    case "npipe:":
      return { ...base, socketPath: endpoint.host.slice("npipe://".length) };
    case "ssh:":
      return {
        ...base,
        protocol: "ssh",
        host: url.hostname,
        port: url.port || 22,
        username: decodeURIComponent(url.username) || undefined,
        sshOptions: { agent: env.SSH_AUTH_SOCK },
      } as Dockerode.DockerOptions;
    default:
      return { ...base, host: url.hostname, port: url.port, ...tlsOptions(endpoint) };
  }
}

function tlsOptions(endpoint: Endpoint): Partial<Dockerode.DockerOptions> {
  const tls = endpoint.tls;
  if (!tls) return { protocol: "http" };
  const read = (file: string) => {
    if (!tls.certDir) return undefined;
    const path = join(tls.certDir, file);
    try {
      return readFileSync(path);
    } catch {
      // Only the CA is required, and only to verify; client certificates are optional.
      if (!(tls.verify && file === "ca.pem")) return undefined;
      throw new TutorError(
        `The TLS file ${path} for ${endpoint.host} (${endpoint.source}) is missing or unreadable.`,
        "Point DOCKER_CERT_PATH at the folder with that daemon's ca.pem, cert.pem and key.pem.",
        ExitCode.dockerUnreachable,
      );
    }
  };
  const ca = tls.verify ? read("ca.pem") : undefined;
  return {
    protocol: "https",
    ca,
    cert: read("cert.pem"),
    key: read("key.pem"),
    ...(tls.verify ? {} : { agent: new HttpsAgent({ rejectUnauthorized: false }) }),
  } as Partial<Dockerode.DockerOptions>;
}
