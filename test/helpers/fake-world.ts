import type { HostWorld } from "../../src/docker/host-world.js";

/** A whole machine in one literal: env, files (path → text) and the platform. */
export function fakeWorld(options: {
  env?: Record<string, string>;
  files?: Record<string, string>;
  platform?: NodeJS.Platform;
  home?: string;
  uid?: number;
}): HostWorld {
  const files = options.files ?? {};
  return {
    env: options.env ?? {},
    platform: options.platform ?? "linux",
    homeDir: options.home ?? "/home/ada",
    uid: options.uid ?? 1000,
    exists: (path) => path in files,
    readText: (path) => files[path],
  };
}
