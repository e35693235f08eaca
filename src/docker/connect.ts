import type Dockerode from "dockerode";
import { ExitCode, TutorError } from "../errors.js";
import { negotiateApiVersion, SUPPORTED_API } from "./api-version.js";
import { createDockerodeClient, type DockerClient } from "./client.js";
import { type ConnectAttempt, classifyFailure, unreachableError } from "./connection-failure.js";
import { isPodman } from "./daemon-kind.js";
import { createDockerode } from "./dockerode-factory.js";
import { againIfDropped } from "./dropped-connection.js";
import { type Endpoint, type ResolveOptions, resolveEndpoints } from "./endpoint.js";
import type { HostWorld } from "./host-world.js";
import type { EngineVersion } from "./views.js";

export interface Connection {
  readonly client: DockerClient;
  readonly endpoint: Endpoint;
  readonly engine: EngineVersion;
  /** What resolution looked at and every endpoint tried before the one that answered. */
  readonly steps: readonly string[];
  readonly failedAttempts: readonly ConnectAttempt[];
  readonly warnings: readonly string[];
}

/** Finds the daemon the docker CLI would use, or throws one sentence with the fix (exit 3). */
export async function connectToDocker(options: ResolveOptions, world: HostWorld): Promise<Connection> {
  const resolution = resolveEndpoints(options, world);
  const attempts: ConnectAttempt[] = [];
  for (const endpoint of resolution.candidates) {
    const docker = await createDockerode(endpoint, world.env);
    let version: Dockerode.DockerVersion;
    try {
      version = await versionOf(docker);
    } catch (error) {
      attempts.push({ endpoint, ...classifyFailure(error) });
      continue;
    }
    return {
      ...clientOf(docker, endpoint, version, world),
      endpoint,
      steps: resolution.steps,
      failedAttempts: attempts,
      warnings: resolution.warnings,
    };
  }
  throw unreachableError(attempts, resolution.steps, world.platform);
}

/** How long the version may take once the daemon answered a ping. */
const VERSION_WAIT_MS = 60_000;

/**
 * The daemon's version, once it answers a ping within the connection timeout: "nothing answers"
 * is decided by the ping. Podman's /version asks the package manager which conmon and runtime it
 * has (`dpkg -S`: 2 s on a quiet machine, past the 5-second connection timeout under load, which
 * then cut the request: "socket hang up").
 */
async function versionOf(docker: Dockerode): Promise<Dockerode.DockerVersion> {
  await againIfDropped(() => docker.ping());
  const modem = docker.modem as { connectionTimeout?: number };
  const quick = modem.connectionTimeout;
  modem.connectionTimeout = VERSION_WAIT_MS;
  try {
    return await againIfDropped(() => docker.version());
  } finally {
    modem.connectionTimeout = quick;
  }
}

/** A client over a dockerode made elsewhere (a playground node's exec tunnel); rejects when it does not answer. */
export async function connectThrough(docker: Dockerode, endpoint: Endpoint, world: HostWorld): Promise<DockerClient> {
  return clientOf(docker, endpoint, await versionOf(docker), world).client;
}

function clientOf(
  docker: Dockerode,
  endpoint: Endpoint,
  version: Dockerode.DockerVersion,
  world: HostWorld,
): { client: DockerClient; engine: EngineVersion } {
  const engine = pinApiVersion(docker, endpoint, version);
  const machine = { hostname: world.hostname ?? "", platform: world.platform, homeDir: world.homeDir };
  return { client: createDockerodeClient(docker, endpoint, engine, machine, { podman: engine.product === "podman" }), engine };
}

function pinApiVersion(docker: Dockerode, endpoint: Endpoint, version: Dockerode.DockerVersion): EngineVersion {
  const newest = version.ApiVersion;
  const oldest = version.MinAPIVersion ?? "";
  const negotiated = negotiateApiVersion(newest, oldest);
  if (!negotiated.ok) {
    const tooOld = negotiated.problem === "daemon-too-old";
    throw new TutorError(
      tooOld
        ? `The Docker Engine at ${endpoint.host} (${version.Version}) speaks API ${newest}, older than the ${SUPPORTED_API.oldest} this tutor needs.`
        : `The Docker Engine at ${endpoint.host} (${version.Version}) no longer speaks API ${SUPPORTED_API.newest} or older.`,
      tooOld ? "Upgrade Docker to Engine 20.10 or newer." : "Upgrade docker-tutor (`npx docker-tutor@latest`).",
      ExitCode.dockerUnreachable,
    );
  }
  // dockerode calls unversioned paths unless told; pinning keeps response shapes stable.
  const modem = docker.modem as { version?: string; connectionTimeout?: number };
  modem.version = `v${negotiated.version}`;
  // Finding the daemon wanted a quick verdict; a build uploads its context before any answer comes.
  modem.connectionTimeout = 60_000;
  return {
    product: isPodman(version) ? "podman" : "docker",
    version: version.Version,
    apiVersion: newest,
    minApiVersion: oldest,
    negotiatedApiVersion: negotiated.version,
    os: version.Os,
    arch: version.Arch,
    kernelVersion: version.KernelVersion ?? "",
  };
}
