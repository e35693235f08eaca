import { join } from "node:path";
import { DEFAULT_NPIPE, DEFAULT_UNIX_SOCKET } from "./docker-host.js";
import type { HostWorld } from "./host-world.js";

export interface KnownSocket {
  readonly label: string;
  readonly host: string;
}

/**
 * Where Docker-compatible daemons put their sockets, default first. Sources: the docker CLI's
 * default, the rootless setup tool, Docker Desktop (macOS and Linux), Colima, OrbStack,
 * Rancher Desktop and Podman's Docker-compatible service.
 */
export function knownSockets(world: HostWorld): KnownSocket[] {
  if (world.platform === "win32") {
    return [
      { label: "default pipe", host: `npipe://${DEFAULT_NPIPE}` },
      { label: "Docker Desktop pipe", host: "npipe:////./pipe/dockerDesktopLinuxEngine" },
      { label: "Podman machine pipe", host: "npipe:////./pipe/podman-machine-default" },
    ];
  }
  const home = world.homeDir;
  const runtimeDir = world.env.XDG_RUNTIME_DIR || (world.uid !== undefined && world.uid !== 0 ? `/run/user/${world.uid}` : undefined);
  const unix = (label: string, path: string): KnownSocket => ({ label, host: `unix://${path}` });
  return [
    unix("default socket", DEFAULT_UNIX_SOCKET),
    ...(runtimeDir ? [unix("rootless Docker", join(runtimeDir, "docker.sock"))] : []),
    unix("Docker Desktop", join(home, ".docker", "run", "docker.sock")),
    unix("Docker Desktop for Linux", join(home, ".docker", "desktop", "docker.sock")),
    unix("Colima", join(home, ".colima", "default", "docker.sock")),
    unix("Colima", join(home, ".colima", "docker.sock")),
    unix("OrbStack", join(home, ".orbstack", "run", "docker.sock")),
    unix("Rancher Desktop", join(home, ".rd", "docker.sock")),
    ...(runtimeDir ? [unix("Podman (rootless)", join(runtimeDir, "podman", "podman.sock"))] : []),
    unix("Podman", "/run/podman/podman.sock"),
  ];
}
