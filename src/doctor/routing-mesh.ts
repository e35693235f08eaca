import type { DockerClient } from "../docker/client.js";

export type RoutingMesh =
  | { readonly status: "available"; readonly evidence: string }
  | { readonly status: "missing"; readonly evidence: string }
  | { readonly status: "unknown"; readonly evidence: string };

/**
 * The swarm ingress routing mesh needs IPVS in the daemon's kernel; without it a port published
 * with `--publish 8080:80` converges but refuses connections (https://github.com/moby/moby/issues/24005). The probe
 * runs on the daemon's side, since with Docker Desktop or a remote host that kernel is not ours.
 */
export const IPVS_PROBE_SCRIPT = [
  "if [ -e /proc/net/ip_vs ] || [ -e /sys/module/ip_vs ]; then echo ipvs=loaded;",
  "elif [ -r /proc/config.gz ] && zcat /proc/config.gz 2>/dev/null | grep -Eq '^CONFIG_IP_VS=(y|m)'; then echo ipvs=configured;",
  'elif ls /lib/modules/"$(uname -r)"/kernel/net/netfilter/ipvs/ip_vs.ko* >/dev/null 2>&1; then echo ipvs=module;',
  "else echo ipvs=absent; fi",
].join(" ");

/** Reads the probe's answer. Pure. */
export function interpretIpvsProbe(output: string, kernel: string): RoutingMesh {
  const answer = /ipvs=(\w+)/.exec(output)?.[1];
  const inKernel = kernel ? ` (kernel ${kernel})` : "";
  switch (answer) {
    case "loaded":
      return { status: "available", evidence: `IPVS is loaded in the daemon's kernel${inKernel}` };
    case "configured":
    case "module":
      return { status: "available", evidence: `the daemon's kernel has the IPVS module${inKernel}; swarm init loads it` };
    case "absent":
      return { status: "missing", evidence: `the daemon's kernel has no IPVS${inKernel}` };
    default:
      return { status: "unknown", evidence: `the probe said ${JSON.stringify(output.trim().slice(0, 80))}` };
  }
}

export async function probeRoutingMesh(client: DockerClient, image: string | undefined): Promise<RoutingMesh> {
  if (!image) return { status: "unknown", evidence: "no busybox or alpine image to run the probe with" };
  const spec = {
    image,
    command: ["sh", "-c", IPVS_PROBE_SCRIPT],
    purpose: "routing-mesh probe",
    networkMode: "host",
    timeoutMs: 15_000,
  };
  try {
    const withModules = { ...spec, readOnlyBinds: [{ source: "/lib/modules", target: "/lib/modules" }] };
    const result = await client.runThrowaway(withModules).catch((error: unknown) => {
      // A daemon host without /lib/modules refuses the bind; probe without it.
      if (/bind source path does not exist|no such file/i.test(String(error))) return client.runThrowaway(spec);
      throw error;
    });
    return interpretIpvsProbe(result.output, client.engine.kernelVersion);
  } catch (error) {
    return { status: "unknown", evidence: `the probe container failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}
