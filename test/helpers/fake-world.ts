import type { HostWorld } from "../../src/docker/host-world.js";
import type { ListenerWorld } from "../../src/doctor/local-listeners.js";

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

/**
 * A machine as the port-holder lookup reads it: files (a /proc or none), folders, links, the
 * programs that answer (argv joined by spaces → stdout; absent: not installed) and the ports
 * something accepts connections on. Every program run is recorded in `ran`.
 */
export function fakeListenerWorld(options: {
  platform?: NodeJS.Platform;
  files?: Record<string, string>;
  dirs?: Record<string, string[]>;
  links?: Record<string, string>;
  programs?: Record<string, string>;
  accepting?: number[];
}): ListenerWorld & { readonly ran: string[] } {
  const ran: string[] = [];
  return {
    ran,
    platform: options.platform ?? "linux",
    readText: (path) => options.files?.[path],
    list: (path) => options.dirs?.[path] ?? [],
    readLink: (path) => options.links?.[path],
    run: async (program, args) => {
      const line = [program, ...args].join(" ");
      ran.push(line);
      return options.programs?.[line];
    },
    accepts: async (port) => (options.accepting ?? []).includes(port),
  };
}
