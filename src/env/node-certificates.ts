import { chmodSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { extract } from "tar-fs";
import type { HostResources } from "../docker/host-resources.js";
import { dataDirectory } from "../progress/store.js";

/** Where a node's daemon keeps the client side of its TLS material (the docker:dind convention). */
export const NODE_CLIENT_CERTS = "/certs/client";
const FILES = ["ca.pem", "cert.pem", "key.pem"] as const;

/** `<data folder>/playground/<playground>/<node>`: what DOCKER_CERT_PATH names for that node. */
export function nodeCertDir(env: string, node: string, vars: Readonly<Record<string, string | undefined>> = process.env): string {
  return join(dataDirectory(vars), "playground", env, node);
}

/**
 * Copies a node's client certificates out of its container (`docker cp NODE:/certs/client`) into
 * `dir`, the folder mode 0700 and each file 0600; resolves to false while the node has not made
 * them all yet. The copy lands beside `dir` and replaces it whole, so a reader never sees half.
 */
export async function fetchClientCertificates(host: Pick<HostResources, "copyOut">, containerId: string, dir: string): Promise<boolean> {
  const incoming = `${dir}.incoming-${process.pid}`;
  rmSync(incoming, { recursive: true, force: true });
  mkdirSync(incoming, { recursive: true, mode: 0o700 });
  try {
    const archive = await host.copyOut(containerId, NODE_CLIENT_CERTS);
    await pipeline(archive, extract(incoming, { strip: 1, ignore: (name) => !FILES.some((f) => name.endsWith(`/${f}`)) }));
    if (!FILES.every((f) => existsSync(join(incoming, f)))) return false;
    chmodSync(incoming, 0o700);
    for (const file of readdirSync(incoming)) chmodSync(join(incoming, file), 0o600);
    rmSync(dir, { recursive: true, force: true });
    renameSync(incoming, dir);
    return true;
  } catch {
    return false;
  } finally {
    rmSync(incoming, { recursive: true, force: true });
  }
}

/** Forgets a playground's certificates, with its nodes. */
export function removeCertificates(env: string, vars: Readonly<Record<string, string | undefined>> = process.env): void {
  rmSync(join(dataDirectory(vars), "playground", env), { recursive: true, force: true });
}
