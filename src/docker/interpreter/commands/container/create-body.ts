import type { CreateIntent } from "./create-intent.js";
import type { MountSpec } from "./mount-spec.js";
import type { PortBinding } from "./port-spec.js";
import type { RestartPolicy } from "./restart-policy.js";

/**
 * The body of POST /containers/create, field for field what docker CLI 28 sends for the same
 * flags (captured through a logging socket proxy between the CLI and the daemon). Pure: the
 * plan shows it and execute sends it.
 */
export interface CreateBody {
  readonly Hostname: string;
  readonly AttachStdin: boolean;
  readonly AttachStdout: boolean;
  readonly AttachStderr: boolean;
  readonly ExposedPorts?: Readonly<Record<string, Record<string, never>>>;
  readonly Tty: boolean;
  readonly OpenStdin: boolean;
  readonly StdinOnce: boolean;
  readonly Env: readonly string[] | null;
  readonly Cmd: readonly string[] | null;
  readonly Image: string;
  readonly Volumes: Readonly<Record<string, Record<string, never>>>;
  readonly WorkingDir: string;
  readonly Entrypoint: readonly string[] | null;
  readonly Labels: Readonly<Record<string, string>>;
  readonly HostConfig: CreateHostConfig;
  readonly NetworkingConfig: { readonly EndpointsConfig: Readonly<Record<string, Record<string, never>>> };
}

type EmptyListField = (typeof ALWAYS_EMPTY_LISTS)[number];

interface CreateHostConfig extends Readonly<Record<EmptyListField, readonly never[]>> {
  readonly Binds: readonly string[] | null;
  readonly NetworkMode: string;
  readonly PortBindings: Readonly<Record<string, readonly PortBinding[]>>;
  readonly RestartPolicy: RestartPolicy;
  readonly AutoRemove: boolean;
  readonly PublishAllPorts: boolean;
  readonly Mounts?: readonly MountSpec[];
}

/**
 * The CLI sends these HostConfig lists as [] even when empty. The daemon keeps [] where it got []
 * and null where it got nothing, so without them `docker inspect` would differ from the CLI's.
 */
const ALWAYS_EMPTY_LISTS = [
  "Dns",
  "DnsOptions",
  "DnsSearch",
  "BlkioWeightDevice",
  "BlkioDeviceReadBps",
  "BlkioDeviceWriteBps",
  "BlkioDeviceReadIOps",
  "BlkioDeviceWriteIOps",
  "Devices",
  "Ulimits",
] as const;

export function createBody(intent: CreateIntent): CreateBody {
  // run.go: -d clears the attach flags; create and attached run attach stdout and stderr, and stdin with -i.
  const attached = !intent.detach;
  const hasPorts = Object.keys(intent.ports.exposed).length > 0;
  return {
    Hostname: intent.hostname,
    AttachStdin: attached && intent.interactive,
    AttachStdout: attached,
    AttachStderr: attached,
    ...(hasPorts ? { ExposedPorts: intent.ports.exposed } : {}),
    Tty: intent.tty,
    OpenStdin: intent.interactive,
    StdinOnce: attached && intent.interactive,
    Env: intent.env.length > 0 ? intent.env : null,
    Cmd: intent.args.length > 0 ? intent.args : null,
    Image: intent.image,
    Volumes: Object.fromEntries(intent.volumes.anonymous.map((target) => [target, {}])),
    WorkingDir: intent.workdir,
    Entrypoint: intent.entrypoint ?? null,
    Labels: intent.labels,
    HostConfig: hostConfig(intent),
    NetworkingConfig: { EndpointsConfig: { [intent.network]: {} } },
  };
}

function hostConfig(intent: CreateIntent): CreateHostConfig {
  const emptyLists = Object.fromEntries(ALWAYS_EMPTY_LISTS.map((key) => [key, []])) as Record<EmptyListField, never[]>;
  return {
    Binds: intent.volumes.binds.length > 0 ? intent.volumes.binds : null,
    NetworkMode: intent.network,
    PortBindings: intent.ports.bindings,
    RestartPolicy: intent.restart,
    AutoRemove: intent.autoRemove,
    ...emptyLists,
    PublishAllPorts: intent.publishAll,
    ...(intent.mounts.length > 0 ? { Mounts: intent.mounts } : {}),
  };
}

/** `--name` travels in the query string, not the body. */
export const createQuery = (intent: CreateIntent): Record<string, string> | undefined =>
  intent.name === undefined ? undefined : { name: intent.name };
