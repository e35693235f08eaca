import { createHash } from "node:crypto";
import { join } from "node:path";
import type { HostWorld } from "./host-world.js";

/** A context as the docker CLI stores it (docker/cli `cli/context/store`). */
export interface DockerContext {
  readonly name: string;
  /** The docker endpoint's host, e.g. `unix:///run/user/1000/docker.sock`; empty means the default. */
  readonly host: string;
  readonly skipTlsVerify: boolean;
  /** Folder holding ca.pem, cert.pem and key.pem, when the context has TLS material. */
  readonly tlsDir: string | undefined;
  readonly metaPath: string;
}

/** `$DOCKER_CONFIG`, else `~/.docker` (docker/cli `cli/config/config.go` Dir()). */
export function dockerConfigDir(world: HostWorld): string {
  return world.env.DOCKER_CONFIG || join(world.homeDir, ".docker");
}

export function currentContextName(world: HostWorld): string | undefined {
  const text = world.readText(join(dockerConfigDir(world), "config.json"));
  if (text === undefined) return undefined;
  try {
    const config = JSON.parse(text) as { currentContext?: unknown };
    return typeof config.currentContext === "string" && config.currentContext !== "" ? config.currentContext : undefined;
  } catch {
    return undefined;
  }
}

/** The store keys a context by the sha256 of its name (`contextdirOf` in store.go). */
export function contextDirName(name: string): string {
  return createHash("sha256").update(name).digest("hex");
}

export type ContextLookup =
  | { readonly found: true; readonly context: DockerContext }
  | { readonly found: false; readonly metaPath: string; readonly reason: string };

export function readDockerContext(world: HostWorld, name: string): ContextLookup {
  const root = join(dockerConfigDir(world), "contexts");
  const id = contextDirName(name);
  const metaPath = join(root, "meta", id, "meta.json");
  const text = world.readText(metaPath);
  if (text === undefined) return { found: false, metaPath, reason: "not found" };
  let meta: { Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } } };
  try {
    meta = JSON.parse(text);
  } catch {
    return { found: false, metaPath, reason: "its meta.json is not valid JSON" };
  }
  const endpoint = meta.Endpoints?.docker;
  const tlsDir = join(root, "tls", id, "docker");
  return {
    found: true,
    context: {
      name,
      host: typeof endpoint?.Host === "string" ? endpoint.Host : "",
      skipTlsVerify: endpoint?.SkipTLSVerify === true,
      tlsDir: world.exists(join(tlsDir, "ca.pem")) || world.exists(join(tlsDir, "cert.pem")) ? tlsDir : undefined,
      metaPath,
    },
  };
}
