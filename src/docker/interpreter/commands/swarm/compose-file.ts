import { parse as parseYaml } from "yaml";
import { type Refusal, refuse } from "../../command.js";
import { tokenize } from "../../tokenize.js";

/**
 * The part of the compose file format `docker stack deploy` reads that lessons use, turned into
 * what the docker CLI creates (cli/command/stack/swarm, cli/compose/convert): networks named
 * `<stack>_<name>` and services named `<stack>_<service>`, all labelled with the stack's namespace.
 * Any other key is refused by name, so nothing is silently left out.
 */
export const NAMESPACE_LABEL = "com.docker.stack.namespace";
export const IMAGE_LABEL = "com.docker.stack.image";

export interface StackNetwork {
  readonly name: string;
  readonly body: Record<string, unknown>;
}

export interface StackService {
  /** The name in the compose file, e.g. `web`. */
  readonly shortName: string;
  /** `<stack>_web`. */
  readonly name: string;
  readonly image: string;
  /** The spec with `{image}` where the pinned image goes. */
  readonly spec: (image: string, platforms: readonly { Architecture: string; OS: string }[]) => Record<string, unknown>;
}

export interface StackPlan {
  readonly networks: readonly StackNetwork[];
  readonly services: readonly StackService[];
}

type Mapping = Record<string, unknown>;
const isMapping = (value: unknown): value is Mapping => typeof value === "object" && value !== null && !Array.isArray(value);

const TOP_KEYS = new Set(["version", "services", "networks"]);
const SERVICE_KEYS = new Set([
  "image",
  "command",
  "entrypoint",
  "environment",
  "ports",
  "networks",
  "deploy",
  "labels",
  "hostname",
  "working_dir",
]);
const DEPLOY_KEYS = new Set(["replicas", "mode", "labels"]);
const NETWORK_KEYS = new Set(["driver", "attachable", "external", "driver_opts", "labels"]);
const PORT_KEYS = new Set(["target", "published", "protocol", "mode"]);

const outside = (what: string): Refusal =>
  refuse(`${what} is outside the compose subset the interpreter deploys; the docker CLI's \`docker stack deploy\` reads it`);

function unknownKey(value: Mapping, allowed: ReadonlySet<string>, where: string): Refusal | undefined {
  const key = Object.keys(value).find((k) => !allowed.has(k));
  return key === undefined ? undefined : outside(`${where}${key}`);
}

/** `command: sleep 1d` is split as a shell would; a list is taken as it is. */
function words(value: unknown, where: string): string[] | Refusal {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== "string") return refuse(`${where} must be a string or a list`);
  const tokens = tokenize(value, { vars: {}, cwd: "/" });
  return tokens.ok ? tokens.argv : refuse(`${where}: ${tokens.problem}`);
}

/** `environment` as a list (`A=1`) or a mapping (sorted, as Go's map order is made stable by the CLI). */
function environment(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map(String);
  if (isMapping(value))
    return Object.keys(value)
      .sort()
      .map((k) => (value[k] === null ? k : `${k}=${String(value[k])}`));
  return [];
}

function stringMap(value: unknown): Record<string, string> {
  if (Array.isArray(value)) {
    return Object.fromEntries(
      value.map(String).map((e) => (e.includes("=") ? [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)] : [e, ""])),
    );
  }
  return isMapping(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v ?? "")])) : {};
}

/** Ports in the short (`"8080:80"`, `"8080:80/udp"`) or long (`target:`, `published:`, `mode:`) syntax. */
function ports(value: unknown, where: string): Record<string, unknown>[] | Refusal {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return refuse(`${where} must be a list`);
  const result: Record<string, unknown>[] = [];
  for (const port of value) {
    if (isMapping(port)) {
      const unknown = unknownKey(port, PORT_KEYS, `${where}[].`);
      if (unknown) return unknown;
      result.push({
        ...(port.protocol === undefined ? {} : { Protocol: String(port.protocol) }),
        TargetPort: Number(port.target),
        ...(port.published === undefined ? {} : { PublishedPort: Number(port.published) }),
        PublishMode: port.mode === undefined ? "ingress" : String(port.mode),
      });
      continue;
    }
    const match = /^(?:(\d+):)?(\d+)(?:\/(tcp|udp|sctp))?$/.exec(String(port));
    if (match === null) return outside(`the port "${String(port)}" in ${where}`);
    result.push({
      Protocol: match[3] ?? "tcp",
      TargetPort: Number(match[2]),
      ...(match[1] === undefined ? {} : { PublishedPort: Number(match[1]) }),
      PublishMode: "ingress",
    });
  }
  return result;
}

/** Reads the compose text for a stack named `stack`. Pure. */
export function planStack(text: string, stack: string): StackPlan | Refusal {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    return refuse(`the compose file is not valid YAML: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
  if (!isMapping(doc)) return refuse("the compose file must be a mapping with a services key");
  const top = unknownKey(doc, TOP_KEYS, "the top-level key ");
  if (top) return top;
  if (!isMapping(doc.services) || Object.keys(doc.services).length === 0) return refuse("the compose file names no services");
  const declared = isMapping(doc.networks) ? doc.networks : {};
  const namespace = { [NAMESPACE_LABEL]: stack };

  const networkNames = new Map<string, string>();
  const networks: StackNetwork[] = [];
  const useNetwork = (key: string): string | Refusal => {
    const known = networkNames.get(key);
    if (known !== undefined) return known;
    const config = declared[key] ?? (key === "default" ? {} : undefined);
    if (config === undefined) return refuse(`a service uses the network "${key}", which the compose file does not declare`);
    const options = isMapping(config) ? config : {};
    const unknown = unknownKey(options, NETWORK_KEYS, `networks.${key}.`);
    if (unknown) return unknown;
    if (options.external === true) {
      networkNames.set(key, key);
      return key;
    }
    const name = `${stack}_${key}`;
    networks.push({
      name,
      body: {
        Driver: options.driver === undefined ? "overlay" : String(options.driver),
        Scope: "",
        IPAM: null,
        Internal: false,
        Attachable: options.attachable === true,
        Ingress: false,
        ConfigOnly: false,
        ConfigFrom: null,
        Options: options.driver_opts === undefined ? null : stringMap(options.driver_opts),
        Labels: { ...stringMap(options.labels), ...namespace },
        Name: name,
        CheckDuplicate: true,
      },
    });
    networkNames.set(key, name);
    return name;
  };

  const services: StackService[] = [];
  for (const shortName of Object.keys(doc.services).sort()) {
    const where = `services.${shortName}.`;
    const service = doc.services[shortName];
    if (!isMapping(service)) return refuse(`${where.slice(0, -1)} must be a mapping`);
    const unknown = unknownKey(service, SERVICE_KEYS, where);
    if (unknown) return unknown;
    if (typeof service.image !== "string") return refuse(`${where}image is required: \`docker stack deploy\` does not build images`);
    const deploy = isMapping(service.deploy) ? service.deploy : {};
    const unknownDeploy = unknownKey(deploy, DEPLOY_KEYS, `${where}deploy.`);
    if (unknownDeploy) return unknownDeploy;
    const args = words(service.command, `${where}command`);
    if ("problem" in args) return args;
    const entrypoint = words(service.entrypoint, `${where}entrypoint`);
    if ("problem" in entrypoint) return entrypoint;
    const published = ports(service.ports, `${where}ports`);
    if ("problem" in published) return published;
    const attached: { Target: string; Aliases: string[] }[] = [];
    const serviceNetworks = Array.isArray(service.networks)
      ? service.networks.map(String)
      : isMapping(service.networks)
        ? Object.keys(service.networks)
        : ["default"];
    for (const key of serviceNetworks) {
      const target = useNetwork(key);
      if (typeof target !== "string") return target;
      attached.push({ Target: target, Aliases: [shortName] });
    }
    const env = environment(service.environment);
    const mode =
      deploy.mode === "global" ? { Global: {} } : { Replicated: { Replicas: deploy.replicas === undefined ? 1 : Number(deploy.replicas) } };
    if (deploy.mode !== undefined && deploy.mode !== "global" && deploy.mode !== "replicated")
      return outside(`${where}deploy.mode: ${String(deploy.mode)}`);
    const image = service.image;
    services.push({
      shortName,
      name: `${stack}_${shortName}`,
      image,
      spec: (pinned, platforms) => ({
        Name: `${stack}_${shortName}`,
        Labels: { ...stringMap(deploy.labels), [IMAGE_LABEL]: image, ...namespace },
        TaskTemplate: {
          ContainerSpec: {
            Image: pinned,
            Labels: { ...stringMap(service.labels), ...namespace },
            ...(entrypoint.length > 0 ? { Command: entrypoint } : {}),
            ...(args.length > 0 ? { Args: args } : {}),
            ...(typeof service.hostname === "string" ? { Hostname: service.hostname } : {}),
            ...(env.length > 0 ? { Env: env } : {}),
            ...(typeof service.working_dir === "string" ? { Dir: service.working_dir } : {}),
            Privileges: { CredentialSpec: null, SELinuxContext: null, NoNewPrivileges: false },
          },
          Resources: {},
          Placement: platforms.length > 0 ? { Platforms: platforms } : {},
          Networks: attached,
          ForceUpdate: 0,
        },
        Mode: mode,
        EndpointSpec: published.length > 0 ? { Ports: published } : {},
      }),
    });
  }
  return { networks, services };
}
