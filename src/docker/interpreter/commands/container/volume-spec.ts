import { resolve } from "node:path";

/**
 * `-v/--volume` as docker CLI 28 sends it (cli/command/container/opts.go): a spec with a source
 * (`/abs:/x[:ro]`, `vol:/x`) goes whole into HostConfig.Binds, a target alone (`/x`) is an
 * anonymous volume in Config.Volumes. A bind source starting with "." is made absolute on the
 * client. Anything odder is left to the daemon, as the CLI does, so its error is the daemon's.
 */
export interface VolumeFlags {
  readonly binds: readonly string[];
  readonly anonymous: readonly string[];
}

export function parseVolumeFlags(specs: readonly string[], cwd: string): VolumeFlags {
  // The CLI keeps -v values in a map: a spec typed twice is sent once.
  const unique = [...new Set(specs)];
  return {
    binds: unique.filter((spec) => spec.includes(":")).map((spec) => absoluteSource(spec, cwd)),
    anonymous: unique.filter((spec) => !spec.includes(":")),
  };
}

function absoluteSource(spec: string, cwd: string): string {
  const colon = spec.indexOf(":");
  const source = spec.slice(0, colon);
  if (!source.startsWith(".")) return spec;
  return `${resolve(cwd, source)}${spec.slice(colon)}`;
}

/** For notes: "source → target" and whether it is read-only. */
export function describeBind(spec: string): { source: string; target: string; readOnly: boolean; named: boolean } {
  const [source = "", target = "", options = ""] = spec.split(":");
  const named = !/^[./~]/.test(source);
  return { source, target, readOnly: options.split(",").includes("ro"), named };
}
