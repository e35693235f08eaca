import { Writable } from "node:stream";
import type { ApiCall } from "../../api-call.js";
import { type CommandIO, defineCommand, isRefusal, refuse } from "../../command.js";
import { ANONYMOUS_REGISTRY_AUTH, type EngineCall, pathPart, toApiCall } from "../../engine-call.js";
import { boolFlag, intFlag, listFlag, stringFlag } from "../../flags.js";
import type { EngineTransport } from "../../transport.js";
import { reportDaemonError } from "../shared/daemon-failure.js";
import { keyValues } from "../shared/key-values.js";
import { sendForJson } from "../shared/send-call.js";
import { waitForConvergence } from "./convergence.js";
import { distributionCall, resolveImage, serviceInspectCall, tasksCall, unpinnedWarning } from "./service-calls.js";
import { type PortConfig, parsePublish, pinnedImage, portNote, type ServiceIntentBase, serviceSpec } from "./service-spec.js";
import { withStopGrace } from "./stop-grace.js";

export interface ServiceCreateIntent extends ServiceIntentBase {
  readonly networks: readonly string[];
  readonly detach: boolean;
  readonly quiet: boolean;
}

const networkCall = (network: string): EngineCall => ({
  method: "GET",
  path: `/networks/${pathPart(network)}`,
  query: { scope: "swarm" },
  why: `find the swarm network ${network}: the spec names networks by ID`,
});

export function serviceCreateCall(intent: ServiceCreateIntent, spec: Record<string, unknown>): EngineCall {
  return {
    method: "POST",
    path: "/services/create",
    headers: { "X-Registry-Auth": ANONYMOUS_REGISTRY_AUTH },
    body: spec,
    why: `create the service ${intent.name || "(named by the daemon)"}: the swarm schedules its tasks and keeps them running`,
    notes: [
      `TaskTemplate.ContainerSpec.Image: ${intent.image}, pinned to its digest when the registry answers`,
      ...(intent.args.length > 0 ? [`TaskTemplate.ContainerSpec.Args: ${intent.args.join(" ")}`] : []),
      ...intent.env.map((e) => `TaskTemplate.ContainerSpec.Env: ${e}`),
      intent.mode === "global"
        ? "Mode.Global: one task on every node"
        : `Mode.Replicated.Replicas: ${intent.replicas ?? "1 (the default)"} task${intent.replicas === 1 ? "" : "s"}, placed wherever the scheduler sees fit`,
      ...intent.networks.map((n) => `TaskTemplate.Networks: ${n} (each task gets an address on it; other services find this one by name)`),
      ...intent.ports.map(portNote),
    ],
  };
}

export const serviceCreateCommand = defineCommand<ServiceCreateIntent>({
  path: ["service", "create"],
  aliases: [],
  flags: [
    { long: "name", kind: "string" },
    { long: "replicas", kind: "int" },
    { long: "mode", kind: "string" },
    { long: "network", kind: "list" },
    { long: "endpoint-mode", kind: "string" },
    { long: "publish", short: "p", kind: "list" },
    { long: "env", short: "e", kind: "list" },
    { long: "label", short: "l", kind: "list" },
    { long: "detach", short: "d", kind: "bool" },
    { long: "quiet", short: "q", kind: "bool" },
  ],
  interspersed: false,
  toIntent({ flags, args, env }) {
    const [image, ...rest] = args;
    if (image === undefined) return refuse('"docker service create" requires at least 1 argument (an image)');
    const mode = stringFlag(flags, "mode") ?? "replicated";
    if (mode !== "replicated" && mode !== "global")
      return refuse(`invalid replicated mode ${mode}: the interpreter runs replicated and global`);
    const replicas = intFlag(flags, "replicas");
    if (replicas !== undefined && mode === "global") return refuse("replicas can only be used with replicated or replicated-job mode");
    if (replicas !== undefined && replicas < 0) return refuse(`invalid argument "${replicas}" for "--replicas" flag`);
    const endpointMode = stringFlag(flags, "endpoint-mode") ?? "vip";
    if (endpointMode !== "vip" && endpointMode !== "dnsrr") return refuse(`invalid endpoint mode ${endpointMode}: use vip or dnsrr`);
    const ports: PortConfig[] = [];
    for (const value of listFlag(flags, "publish")) {
      const port = parsePublish(value);
      if (isRefusal(port)) return port;
      ports.push(port);
    }
    return {
      name: stringFlag(flags, "name") ?? "",
      image,
      args: rest,
      env: listFlag(flags, "env").map((e) => (e.includes("=") || env?.[e] === undefined ? e : `${e}=${env[e]}`)),
      labels: keyValues(listFlag(flags, "label")),
      mode,
      ...(replicas === undefined ? {} : { replicas }),
      ports,
      ...(endpointMode === "dnsrr" ? { endpointMode } : {}),
      networks: listFlag(flags, "network"),
      detach: boolFlag(flags, "detach") === true,
      quiet: boolFlag(flags, "quiet") === true,
    };
  },
  plan(intent) {
    const spec = serviceSpec(intent, {
      image: pinnedImage(intent.image, "{digest}"),
      platforms: [],
      networkIds: intent.networks.map((n) => `{id of ${n}}`),
    });
    return [
      ...intent.networks.map((network) => toApiCall(networkCall(network))),
      toApiCall(distributionCall(intent.image)),
      toApiCall(serviceCreateCall(intent, spec)),
      ...(intent.detach ? [] : convergencePlan()),
    ];
  },
  async execute(intent, engine, io) {
    try {
      const networkIds: string[] = [];
      for (const network of intent.networks) networkIds.push(((await sendForJson(engine, networkCall(network))) as { Id: string }).Id);
      const resolved = await resolveImage(engine, intent.image);
      if (resolved.digest === undefined) io.stderr.write(unpinnedWarning(intent.image));
      const spec = serviceSpec(intent, { image: pinnedImage(intent.image, resolved.digest), platforms: resolved.platforms, networkIds });
      const created = (await sendForJson(engine, serviceCreateCall(intent, withStopGrace(spec, io)))) as { ID: string };
      io.stdout.write(`${created.ID}\n`);
      return intent.detach ? 0 : await followService(engine, created.ID, created.ID, intent.quiet, io);
    } catch (error) {
      return reportDaemonError(error, io);
    }
  },
});

/** The polling `explain` shows for a command that waits for its service to converge. */
export function convergencePlan(): ApiCall[] {
  const when = "without --detach: repeated until every task runs, and for 5 seconds more";
  return [
    { ...toApiCall(serviceInspectCall("{id}", "read the service's desired replicas")), when },
    { ...toApiCall(tasksCall({ service: ["{id}"], "_up-to-date": ["true"] }, "read its current tasks and their states")), when },
  ];
}

/** Waits like the CLI (quietly with -q). */
export function followService(engine: EngineTransport, serviceId: string, label: string, quiet: boolean, io: CommandIO): Promise<number> {
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  return waitForConvergence(engine, serviceId, label, quiet ? { ...io, stdout: silent } : io);
}
