import { isAbsolute, relative } from "node:path";
import type { CommandDefinition } from "../docker/interpreter/command.js";
import type { CreateIntent } from "../docker/interpreter/commands/container/create-intent.js";
import type { BuildIntent } from "../docker/interpreter/commands/image/build-request.js";
import type { PushIntent } from "../docker/interpreter/commands/image/push.js";
import type { ServiceCreateIntent } from "../docker/interpreter/commands/swarm/service-create.js";
import type { StackDeployIntent } from "../docker/interpreter/commands/swarm/stack-deploy.js";
import type { SwarmJoinIntent } from "../docker/interpreter/commands/swarm/swarm-join.js";
import type { VolumeCreateIntent } from "../docker/interpreter/commands/volume/create.js";
import { interpret } from "../docker/interpreter/interpret.js";
import { type TokenizeEnv, tokenize } from "../docker/interpreter/tokenize.js";

/**
 * What a `run:` command of a lesson pack the learner has not trusted (`--trust-pack`) may ask of
 * the daemon, which is root on its host (issue 17). Read from the interpreter's intents, never from
 * argv again; a command the interpreter does not know is refused by the interpreter, as before.
 * Checked when a pack loads (with stand-in values) and again before each command runs (on the
 * expanded command, with the workspace's real path).
 */
export interface PolicyPlace {
  /** The lesson's workspace: its real path when a command runs, a stand-in when a file loads. */
  readonly workspace: string;
  /** The real path of a host path: links resolved (for one not made yet, its nearest folder's). */
  readonly realPath: (path: string) => string;
  /** Whether a host path is a socket (any socket file could be a daemon's). */
  readonly isSocket: (path: string) => boolean;
  /** The playground nodes' addresses: the only swarm managers a pack may join. */
  readonly nodeAddresses: readonly string[];
}

/** The rule a command breaks, as the end of "an untrusted lesson pack may not …", and the words that break it. */
export interface PolicyBreach {
  readonly rule: string;
  readonly offending: string;
}

export const RULES = {
  comment: "hide text behind a # comment in a run: command",
  bind: "mount a host path from outside the lesson's workspace",
  socket: "mount the Docker socket",
  privilege: "ask for host privileges",
  namespace: "share the host's namespaces",
  volume: "create a volume whose driver or options reach host paths",
  build: "build from a context or Dockerfile outside the lesson's workspace",
  compose: "deploy a compose file from outside the lesson's workspace",
  push: "push to a registry other than one on the daemon's loopback (localhost:PORT)",
  join: "join a swarm other than the one on the lesson's playground nodes",
} as const;

/** The Docker daemon's usual sockets: a bind of one, or of a folder above one, hands over the daemon. */
const DAEMON_SOCKETS = ["/var/run/docker.sock", "/run/docker.sock"];
/** Flags the interpreter does not know; refused by it anyway, named here so that the refusal names the rule. */
const PRIVILEGE_FLAGS = ["--privileged", "--cap-add", "--device", "--device-cgroup-rule", "--security-opt", "--volumes-from"];
const NAMESPACE_FLAGS = ["--pid", "--ipc", "--uts", "--userns", "--cgroupns", "--net"];

/** The one sentence a refused command gets. */
export function breachSentence(breach: PolicyBreach): string {
  return `An untrusted lesson pack may not ${breach.rule} (\`${breach.offending}\`); run docker-tutor with --trust-pack only if you trust the pack.`;
}

/** What in `line`, expanded with `env`, breaks the pack policy; undefined when nothing does. */
export function policyBreach(line: string, env: TokenizeEnv, place: PolicyPlace): PolicyBreach | undefined {
  const tokens = tokenize(line, env);
  if (!tokens.ok) return undefined;
  if (tokens.comment !== undefined) return { rule: RULES.comment, offending: line.slice(tokens.comment - 1).split("\n")[0] ?? "#" };
  const interpretation = interpret(line, env);
  if (!interpretation.ok) return flagBreach(tokens.argv);
  return intentBreach(interpretation.command, interpretation.intent, place);
}

/** A host-power flag among the words of a command the interpreter refused (the flag is why). */
function flagBreach(argv: readonly string[]): PolicyBreach | undefined {
  const named = (flags: readonly string[]) => argv.find((word) => flags.some((flag) => word === flag || word.startsWith(`${flag}=`)));
  const privilege = named(PRIVILEGE_FLAGS);
  if (privilege !== undefined) return { rule: RULES.privilege, offending: privilege };
  const namespace = named(NAMESPACE_FLAGS);
  return namespace === undefined ? undefined : { rule: RULES.namespace, offending: namespace };
}

function intentBreach(command: CommandDefinition, intent: unknown, place: PolicyPlace): PolicyBreach | undefined {
  switch (command.path.join(" ")) {
    case "container run":
    case "container create":
      return containerBreach(intent as CreateIntent, place);
    case "service create":
      return (intent as ServiceCreateIntent).networks.includes("host") ? { rule: RULES.namespace, offending: "--network host" } : undefined;
    case "volume create":
      return volumeBreach(intent as VolumeCreateIntent);
    case "image build":
      return buildBreach(intent as BuildIntent, place);
    case "stack deploy":
      return stackBreach(intent as StackDeployIntent, place);
    case "image push":
      return pushBreach(intent as PushIntent);
    case "swarm join":
      return joinBreach(intent as SwarmJoinIntent, place);
    default:
      return undefined;
  }
}

function containerBreach(intent: CreateIntent, place: PolicyPlace): PolicyBreach | undefined {
  if (intent.network === "host" || intent.network.startsWith("container:")) {
    return { rule: RULES.namespace, offending: `--network ${intent.network}` };
  }
  const sources = [
    ...intent.volumes.binds.map((spec) => ({ source: spec.slice(0, spec.indexOf(":")), offending: spec })),
    ...intent.mounts.flatMap((mount) =>
      mount.Type === "bind" ? [{ source: mount.Source ?? "", offending: `type=bind,source=${mount.Source ?? ""}` }] : [],
    ),
  ];
  for (const { source, offending } of sources) {
    // `-v name:/x` names a volume; only a path is the host's.
    if (!isAbsolute(source)) continue;
    const real = place.realPath(source);
    if (place.isSocket(real) || DAEMON_SOCKETS.includes(real)) return { rule: RULES.socket, offending };
    if (!within(place.workspace, real)) return { rule: RULES.bind, offending };
    // A workspace at /var/run (--workdir) would hold the socket itself.
    if (DAEMON_SOCKETS.some((socket) => within(real, socket))) return { rule: RULES.socket, offending };
  }
  return undefined;
}

/** A compose file from the workspace whose services stay off the host's network (an external network may be `host`). */
function stackBreach(intent: StackDeployIntent, place: PolicyPlace): PolicyBreach | undefined {
  if (outside(intent.file, place)) return { rule: RULES.compose, offending: intent.file };
  for (const service of intent.plan.services) {
    const template = service.spec(service.image, []).TaskTemplate as { Networks?: { Target: string }[] } | undefined;
    if (template?.Networks?.some((network) => network.Target === "host")) {
      return { rule: RULES.namespace, offending: `services.${service.shortName}.networks: host` };
    }
  }
  return undefined;
}

/** The local driver with no options, or a tmpfs: nothing else (a bind, a device, NFS, a plugin) stays off the host's paths. */
function volumeBreach(intent: VolumeCreateIntent): PolicyBreach | undefined {
  if (intent.driver !== "" && intent.driver !== "local") return { rule: RULES.volume, offending: `--driver ${intent.driver}` };
  for (const [key, value] of Object.entries(intent.options)) {
    const tmpfs = (key === "type" || key === "device") && value === "tmpfs";
    const mountOptions = key === "o" && !value.split(",").some((option) => option.trim() === "bind" || option.trim() === "rbind");
    if (!tmpfs && !mountOptions) return { rule: RULES.volume, offending: `--opt ${key}=${value}` };
  }
  return undefined;
}

function buildBreach(intent: BuildIntent, place: PolicyPlace): PolicyBreach | undefined {
  if (outside(intent.contextDir, place)) return { rule: RULES.build, offending: intent.contextArg };
  if (outside(intent.dockerfilePath, place)) return { rule: RULES.build, offending: `-f ${intent.dockerfilePath}` };
  return undefined;
}

function pushBreach(intent: PushIntent): PolicyBreach | undefined {
  return isLoopback(hostOf(intent.ref.domain)) ? undefined : { rule: RULES.push, offending: intent.ref.familiarName };
}

function joinBreach(intent: SwarmJoinIntent, place: PolicyPlace): PolicyBreach | undefined {
  const host = hostOf(intent.remote.replace(/^tcp:\/\//, ""));
  return place.nodeAddresses.includes(host) ? undefined : { rule: RULES.join, offending: intent.remote };
}

/** `host:port`, `[v6]:port` or a bare host → the host. */
function hostOf(address: string): string {
  if (address.startsWith("[")) return address.slice(1, address.indexOf("]"));
  const parts = address.split(":");
  return parts.length === 2 ? (parts[0] as string) : address;
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function outside(path: string, place: PolicyPlace): boolean {
  return !within(place.workspace, place.realPath(path));
}

/** `path` is `folder` or below it. */
function within(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}
