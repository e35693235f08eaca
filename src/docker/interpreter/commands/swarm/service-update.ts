import { defineCommand, refuse } from "../../command.js";
import { type EngineCall, pathPart, toApiCall } from "../../engine-call.js";
import { boolFlag, intFlag, stringFlag } from "../../flags.js";
import { reportDaemonError } from "../shared/daemon-failure.js";
import { sendForJson } from "../shared/send-call.js";
import {
  distributionCall,
  resolveImage,
  type ServiceSpecView,
  type SwarmService,
  serviceInspectCall,
  unpinnedWarning,
} from "./service-calls.js";
import { convergencePlan, followService } from "./service-create.js";
import { pinnedImage } from "./service-spec.js";

/** What changes in a service's spec; everything else is sent back as the daemon gave it. */
export interface SpecChange {
  readonly image?: string;
  readonly replicas?: number;
}

/** POST /services/{id}/update: the whole spec, and the version it was read at (the swarm refuses a stale one). */
export function serviceUpdateCall(id: string, version: number | string, spec: unknown, change: SpecChange, fromScale: boolean): EngineCall {
  return {
    method: "POST",
    path: `/services/${pathPart(id)}/update`,
    query: fromScale ? { version } : { registryAuthFrom: "spec", version },
    body: spec,
    why: "send the service's whole spec back with the change; the swarm rolls its tasks toward it",
    notes: [
      `version=${version}: the spec's version when it was read, so two updates cannot overwrite each other`,
      ...(change.replicas === undefined ? [] : [`Mode.Replicated.Replicas: ${change.replicas} (the swarm starts or stops tasks to match)`]),
      ...(change.image === undefined
        ? []
        : [`TaskTemplate.ContainerSpec.Image: ${change.image}, pinned to its digest: tasks are replaced one at a time (UpdateConfig)`]),
    ],
  };
}

/** The spec with the change applied (pure). */
export function changedSpec(spec: ServiceSpecView, change: SpecChange, pinned: string | undefined): ServiceSpecView {
  const template = spec.TaskTemplate;
  return {
    ...spec,
    ...(pinned === undefined ? {} : { TaskTemplate: { ...template, ContainerSpec: { ...template.ContainerSpec, Image: pinned } } }),
    ...(change.replicas === undefined ? {} : { Mode: { Replicated: { Replicas: change.replicas } } }),
  };
}

interface ServiceUpdateIntent extends SpecChange {
  readonly service: string;
  readonly detach: boolean;
  readonly quiet: boolean;
}

export const serviceUpdateCommand = defineCommand<ServiceUpdateIntent>({
  path: ["service", "update"],
  aliases: [],
  flags: [
    { long: "image", kind: "string" },
    { long: "replicas", kind: "int" },
    { long: "detach", short: "d", kind: "bool" },
    { long: "quiet", short: "q", kind: "bool" },
  ],
  interspersed: true,
  toIntent({ flags, args }) {
    if (args.length !== 1) return refuse(`"docker service update" requires exactly 1 argument (a service), got ${args.length}`);
    const image = stringFlag(flags, "image");
    const replicas = intFlag(flags, "replicas");
    if (replicas !== undefined && replicas < 0) return refuse(`invalid argument "${replicas}" for "--replicas" flag`);
    return {
      service: args[0] ?? "",
      ...(image === undefined ? {} : { image }),
      ...(replicas === undefined ? {} : { replicas }),
      detach: boolFlag(flags, "detach") === true,
      quiet: boolFlag(flags, "quiet") === true,
    };
  },
  plan: (intent) => [
    toApiCall(serviceInspectCall(intent.service, "read the service's current spec and its version")),
    ...(intent.image === undefined ? [] : [toApiCall(distributionCall(intent.image))]),
    toApiCall(serviceUpdateCall("{id}", "{version}", "{the spec read above, changed}", intent, false)),
    ...(intent.detach ? [] : convergencePlan()),
  ],
  async execute(intent, engine, io) {
    try {
      const service = (await sendForJson(engine, serviceInspectCall(intent.service, "read the spec"))) as SwarmService;
      if (intent.replicas !== undefined && service.Spec.Mode?.Replicated === undefined) {
        io.stderr.write("replicas can only be used with replicated or replicated-job mode\n");
        return 1;
      }
      let pinned: string | undefined;
      if (intent.image !== undefined) {
        const resolved = await resolveImage(engine, intent.image);
        if (resolved.digest === undefined) io.stderr.write(unpinnedWarning(intent.image));
        pinned = pinnedImage(intent.image, resolved.digest);
      }
      const spec = changedSpec(service.Spec, intent, pinned);
      const answer = (await sendForJson(engine, serviceUpdateCall(service.ID, service.Version.Index, spec, intent, false))) as {
        Warnings?: string[] | null;
      };
      for (const warning of answer?.Warnings ?? []) io.stderr.write(`${warning}\n`);
      io.stdout.write(`${intent.service}\n`);
      return intent.detach ? 0 : await followService(engine, service.ID, intent.service, intent.quiet, io);
    } catch (error) {
      return reportDaemonError(error, io);
    }
  },
});
