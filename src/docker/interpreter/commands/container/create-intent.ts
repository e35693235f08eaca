import { ImageRef, isImageRef } from "../../../image-ref.js";
import { type IntentInput, isRefusal, type Refusal, refuse } from "../../command.js";
import { boolFlag, type FlagSpec, listFlag, stringFlag } from "../../flags.js";
import { type Environment, parseEnvFlags, parseLabelFlags } from "./key-value-spec.js";
import { type MountSpec, parseMountFlags } from "./mount-spec.js";
import { type PublishedPorts, parsePublishedPorts } from "./port-spec.js";
import { isNoRestart, parseRestartPolicy, type RestartPolicy } from "./restart-policy.js";
import { parseVolumeFlags, type VolumeFlags } from "./volume-spec.js";

/** The flags of `docker create`, as named in docker/cli `cli/command/container/opts.go`. */
export const CREATE_FLAGS: readonly FlagSpec[] = [
  { long: "interactive", short: "i", kind: "bool" },
  { long: "tty", short: "t", kind: "bool" },
  { long: "rm", kind: "bool" },
  { long: "name", kind: "string" },
  { long: "publish", short: "p", kind: "list" },
  { long: "publish-all", short: "P", kind: "bool" },
  { long: "volume", short: "v", kind: "list" },
  { long: "mount", kind: "list" },
  { long: "network", kind: "string" },
  { long: "env", short: "e", kind: "list" },
  { long: "workdir", short: "w", kind: "string" },
  { long: "entrypoint", kind: "string" },
  { long: "label", short: "l", kind: "list" },
  { long: "restart", kind: "string" },
  { long: "hostname", short: "h", kind: "string" },
];

/** `docker run` adds -d (run.go). */
export const RUN_FLAGS: readonly FlagSpec[] = [{ long: "detach", short: "d", kind: "bool" }, ...CREATE_FLAGS];

/** `-e KEY` takes its value from the environment the command was typed in (IntentInput.env). */
export type ContainerIntentInput = IntentInput & { readonly env?: Environment };

/** What `docker run`/`docker create` asks for, in the CLI's terms; the create body is built from it. */
export interface CreateIntent {
  readonly command: "run" | "create";
  /** As typed: the create body's Image. */
  readonly image: string;
  /** The same, parsed: what a pull asks for and what the messages name. */
  readonly ref: ImageRef;
  /** The words after the image: Cmd (none: the image's own). */
  readonly args: readonly string[];
  readonly name?: string;
  readonly detach: boolean;
  readonly interactive: boolean;
  readonly tty: boolean;
  readonly autoRemove: boolean;
  readonly hostname: string;
  readonly env: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  readonly workdir: string;
  /** `--entrypoint X` is [X] (never split into words); `--entrypoint ""` is [""], which resets it. */
  readonly entrypoint?: readonly string[];
  readonly ports: PublishedPorts;
  readonly publishAll: boolean;
  readonly volumes: VolumeFlags;
  readonly mounts: readonly MountSpec[];
  readonly network: string;
  readonly restart: RestartPolicy;
}

export function toCreateIntent(input: ContainerIntentInput, command: "run" | "create"): CreateIntent | Refusal {
  const { flags, args, cwd } = input;
  const [image, ...rest] = args;
  if (image === undefined) return refuse(`'docker ${command}' requires at least 1 argument: the image`);
  const ref = ImageRef.parse(image);
  // The CLI checks the name before it asks the daemon anything, and exits 125.
  if (!isImageRef(ref)) return refuse(`docker: ${ref.problem}`, 125);
  const env = parseEnvFlags(listFlag(flags, "env"), input.env ?? {});
  if (isRefusal(env)) return env;
  const labels = parseLabelFlags(listFlag(flags, "label"));
  if (isRefusal(labels)) return labels;
  const ports = parsePublishedPorts(listFlag(flags, "publish"));
  if (isRefusal(ports)) return ports;
  const mounts = parseMountFlags(listFlag(flags, "mount"), cwd);
  if (isRefusal(mounts)) return mounts;
  const restart = parseRestartPolicy(stringFlag(flags, "restart") ?? "no");
  if (isRefusal(restart)) return restart;
  const intent: CreateIntent = {
    command,
    image,
    ref,
    args: rest,
    name: stringFlag(flags, "name"),
    detach: boolFlag(flags, "detach") ?? false,
    interactive: boolFlag(flags, "interactive") ?? false,
    tty: boolFlag(flags, "tty") ?? false,
    autoRemove: boolFlag(flags, "rm") ?? false,
    hostname: stringFlag(flags, "hostname") ?? "",
    env,
    labels: labels.labels,
    workdir: stringFlag(flags, "workdir") ?? "",
    entrypoint: flags.entrypoint === undefined ? undefined : [stringFlag(flags, "entrypoint") ?? ""],
    ports,
    publishAll: boolFlag(flags, "publish-all") ?? false,
    volumes: parseVolumeFlags(listFlag(flags, "volume"), cwd),
    mounts,
    network: stringFlag(flags, "network") ?? "default",
    restart,
  };
  if (intent.autoRemove && !isNoRestart(intent.restart)) return refuse("conflicting options: cannot specify both --restart and --rm");
  return intent;
}
