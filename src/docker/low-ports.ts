import { readFile } from "node:fs/promises";
import { cannotPublishLowPorts, type DaemonKind, FIRST_UNPRIVILEGED_PORT } from "./daemon-kind.js";

const SYSCTL = "/proc/sys/net/ipv4/ip_unprivileged_port_start";

/**
 * The lowest host port the daemon can publish: 0 for a daemon running as root; for a rootless
 * one, 1024, or lower when this machine (the daemon's, when it runs here) lowered
 * net.ipv4.ip_unprivileged_port_start, as Docker's rootless guide suggests.
 */
export async function lowestPublishablePort(kind: DaemonKind, daemonIsLocal: boolean, sysctl = SYSCTL): Promise<number> {
  if (!cannotPublishLowPorts(kind)) return 0;
  if (!daemonIsLocal) return FIRST_UNPRIVILEGED_PORT;
  const start = Number.parseInt(await readFile(sysctl, "utf8").catch(() => ""), 10);
  return Number.isInteger(start) && start >= 0 ? Math.min(start, FIRST_UNPRIVILEGED_PORT) : FIRST_UNPRIVILEGED_PORT;
}
