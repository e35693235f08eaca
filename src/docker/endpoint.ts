import { ExitCode, TutorError } from "../errors.js";
import { currentContextName, dockerConfigDir, readDockerContext } from "./docker-context.js";
import { parseDockerHost, socketPathOf } from "./docker-host.js";
import type { HostWorld } from "./host-world.js";
import { knownSockets } from "./known-sockets.js";

/** One place a daemon may answer, and why we think so. */
export interface Endpoint {
  /** Normalised host: unix://, npipe://, tcp:// or ssh://. */
  readonly host: string;
  /** In words, where this endpoint came from: `-H/--host`, `DOCKER_HOST`, `context "colima"`, `default socket`. */
  readonly source: string;
  readonly tls: { readonly certDir: string | undefined; readonly verify: boolean } | undefined;
  /** The user named it (flag, env, context): if it fails we report it and try nothing else. */
  readonly explicit: boolean;
}

export interface ResolveOptions {
  readonly host?: string | undefined;
  readonly context?: string | undefined;
}

export interface Resolution {
  /** Try these in order; the first that answers is the daemon. */
  readonly candidates: readonly Endpoint[];
  /** What each strategy looked at, in order, for error messages and `doctor`. */
  readonly steps: readonly string[];
  readonly warnings: readonly string[];
}

interface StrategyResult {
  readonly step: string;
  readonly endpoints?: readonly Endpoint[];
  readonly warning?: string;
  /** The "default" context was chosen, so later context sources do not count. */
  readonly choseDefaultContext?: boolean;
}
type Strategy = ((options: ResolveOptions, world: HostWorld) => StrategyResult) & { readonly readsContext?: true };
const readingContext = (strategy: Strategy): Strategy => Object.assign(strategy, { readsContext: true as const });

/**
 * The docker CLI's order (docker/cli `cli/command/cli.go` resolveContextName, then the
 * context's endpoint): --context, -H, DOCKER_HOST, DOCKER_CONTEXT, currentContext in
 * config.json, the default socket. We add the well-known sockets of other daemons after the
 * default, because dockerode and most SDKs miss them.
 */
const strategies: readonly Strategy[] = [
  (options, world) => (options.context === undefined ? { step: "--context: not given" } : fromContext(options.context, "--context", world)),
  (options, world) => (options.host === undefined ? { step: "-H/--host: not given" } : fromHostString(options.host, "-H/--host", world)),
  (_options, world) => {
    const raw = world.env.DOCKER_HOST;
    if (!raw) return { step: "DOCKER_HOST: not set" };
    const active = world.env.DOCKER_CONTEXT || currentContextName(world);
    const result = fromHostString(raw, "DOCKER_HOST", world);
    return active && active !== "default"
      ? { ...result, warning: `DOCKER_HOST overrides the active context "${active}", as it does for the docker CLI.` }
      : result;
  },
  readingContext((_options, world) => {
    const name = world.env.DOCKER_CONTEXT;
    return name ? fromContext(name, "DOCKER_CONTEXT", world) : { step: "DOCKER_CONTEXT: not set" };
  }),
  readingContext((_options, world) => {
    const name = currentContextName(world);
    const where = `currentContext in ${dockerConfigDir(world)}/config.json`;
    return name ? fromContext(name, where, world) : { step: `${where}: not set` };
  }),
  (_options, world) => {
    const all = knownSockets(world);
    const present = all.filter((s, i) => i === 0 || world.platform === "win32" || world.exists(socketPathOf(s.host) ?? ""));
    const endpoints = present.map((s) => ({ host: s.host, source: s.label, tls: undefined, explicit: false }));
    const absent = all.length - present.length;
    return {
      step: `known sockets: ${present.map((s) => s.host).join(", ")}${absent > 0 ? ` (${absent} other known locations absent)` : ""}`,
      endpoints,
    };
  },
];

export function resolveEndpoints(options: ResolveOptions, world: HostWorld): Resolution {
  if (options.host !== undefined && options.context !== undefined) {
    throw new TutorError(
      "Both -H/--host and --context were given, and they name different ways to reach Docker.",
      "Give only one of them.",
      ExitCode.usage,
    );
  }
  const steps: string[] = [];
  const warnings: string[] = [];
  let defaultContextChosen = false;
  for (const strategy of strategies) {
    if (defaultContextChosen && strategy.readsContext) continue;
    const result = strategy(options, world);
    defaultContextChosen ||= result.choseDefaultContext === true;
    steps.push(result.step);
    if (result.warning) warnings.push(result.warning);
    if (result.endpoints && result.endpoints.length > 0) return { candidates: result.endpoints, steps, warnings };
  }
  throw new Error("unreachable: the known-sockets strategy always yields the default socket");
}

function fromHostString(raw: string, source: string, world: HostWorld): StrategyResult {
  const tlsVerify = (world.env.DOCKER_TLS_VERIFY ?? "") !== "";
  const tlsOn = tlsVerify || (world.env.DOCKER_TLS ?? "") !== "";
  const parsed = parseDockerHost(raw, tlsOn);
  if (!parsed.ok) {
    throw new TutorError(
      `${source} is set to "${raw}", which is not a Docker address: ${parsed.problem}.`,
      "Use a form like unix:///var/run/docker.sock, tcp://host:2376 or ssh://user@host.",
      ExitCode.dockerUnreachable,
    );
  }
  const tls =
    tlsOn && parsed.host.startsWith("tcp://")
      ? { certDir: world.env.DOCKER_CERT_PATH || dockerConfigDir(world), verify: tlsVerify }
      : undefined;
  return { step: `${source}: ${parsed.host}`, endpoints: [{ host: parsed.host, source, tls, explicit: true }] };
}

function fromContext(name: string, from: string, world: HostWorld): StrategyResult {
  // The CLI's "default" context is not stored: it means DOCKER_HOST or the default socket.
  if (name === "default") return { step: `${from}: "default"`, choseDefaultContext: true };
  const lookup = readDockerContext(world, name);
  if (!lookup.found) {
    throw new TutorError(
      `The Docker context "${name}" (from ${from}) ${lookup.reason === "not found" ? "does not exist" : `cannot be read: ${lookup.reason}`}.`,
      "List the contexts with `docker context ls` and pick one with --context, or switch with `docker context use default`.",
      ExitCode.dockerUnreachable,
      [`looked for ${lookup.metaPath}`],
    );
  }
  const { context } = lookup;
  const source = `context "${name}" (from ${from})`;
  if (context.host === "") return { step: `${source}: no endpoint, so the default`, choseDefaultContext: true };
  const hosted = fromHostString(context.host, source, { ...world, env: {} });
  const endpoint = hosted.endpoints?.[0];
  if (!endpoint) return hosted;
  const tls =
    endpoint.host.startsWith("tcp://") && (context.tlsDir !== undefined || context.skipTlsVerify)
      ? { certDir: context.tlsDir, verify: !context.skipTlsVerify }
      : undefined;
  return { step: `${source}: ${endpoint.host}`, endpoints: [{ ...endpoint, tls }] };
}
