import type { DaemonObjects } from "../../src/engine/ownership.js";

/** An empty daemon (no swarm), with what a test puts on it. */
export const daemonWorld = (over: Partial<DaemonObjects> = {}): DaemonObjects => ({
  containers: [],
  images: [],
  networks: [],
  volumes: [],
  services: [],
  swarmActive: false,
  swarmCluster: "",
  ...over,
});
