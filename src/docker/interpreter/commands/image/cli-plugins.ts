import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Where the docker CLI looks for plugins (docker/cli cli-plugins/manager): the config folder's
 * `cli-plugins`, then the system folders of its platform.
 */
export function cliPluginDirs(env: Env, platform: NodeJS.Platform = process.platform): string[] {
  const config = env.DOCKER_CONFIG || join(env.HOME || env.USERPROFILE || homedir(), ".docker");
  const system =
    platform === "win32"
      ? [
          join(env.ProgramData || "C:\\ProgramData", "Docker", "cli-plugins"),
          join(env.ProgramFiles || "C:\\Program Files", "Docker", "cli-plugins"),
        ]
      : [
          "/usr/local/lib/docker/cli-plugins",
          "/usr/local/libexec/docker/cli-plugins",
          "/usr/lib/docker/cli-plugins",
          "/usr/libexec/docker/cli-plugins",
        ];
  return [join(config, "cli-plugins"), ...system];
}

/** The files whose presence means the docker CLI has the buildx plugin. Pure. */
export function buildxPluginPaths(env: Env, platform: NodeJS.Platform = process.platform): string[] {
  const name = platform === "win32" ? "docker-buildx.exe" : "docker-buildx";
  return cliPluginDirs(env, platform).map((dir) => join(dir, name));
}

/**
 * True when the learner's docker CLI has the buildx plugin: a current CLI then builds with BuildKit
 * whatever builder the daemon prefers, so the tutor's builds must too, or the two share no cache.
 */
export const anyExists = (paths: readonly string[]): boolean => paths.some((path) => existsSync(path));
