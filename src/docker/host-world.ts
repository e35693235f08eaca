import { existsSync, readFileSync } from "node:fs";
import { homedir, hostname } from "node:os";

/**
 * Everything endpoint resolution reads from the outside world, passed in so that a unit test
 * can describe a whole machine in one object literal.
 */
export interface HostWorld {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: NodeJS.Platform;
  readonly homeDir: string;
  /** This machine's name, compared with the daemon's to tell whether both run on one host. */
  readonly hostname?: string;
  readonly uid: number | undefined;
  exists(path: string): boolean;
  /** The file's text, or undefined when it cannot be read. */
  readText(path: string): string | undefined;
}

export function realHostWorld(env: NodeJS.ProcessEnv = process.env): HostWorld {
  return {
    env,
    platform: process.platform,
    homeDir: homedir(),
    hostname: hostname(),
    uid: typeof process.getuid === "function" ? process.getuid() : undefined,
    exists: (path) => existsSync(path),
    readText: (path) => {
      try {
        return readFileSync(path, "utf8");
      } catch {
        return undefined;
      }
    },
  };
}
