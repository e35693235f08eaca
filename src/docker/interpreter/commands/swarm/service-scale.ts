import { defineCommand, refuse } from "../../command.js";
import { toApiCall } from "../../engine-call.js";
import { boolFlag } from "../../flags.js";
import { daemonFailureText, isDaemonAnswer } from "../shared/daemon-failure.js";
import { sendForJson, sendForNothing } from "../shared/send-call.js";
import { type SwarmService, serviceInspectCall } from "./service-calls.js";
import { convergencePlan, followService } from "./service-create.js";
import { changedSpec, serviceUpdateCall } from "./service-update.js";

interface ServiceScaleIntent {
  readonly targets: readonly { readonly service: string; readonly replicas: number }[];
  readonly detach: boolean;
}

export const serviceScaleCommand = defineCommand<ServiceScaleIntent>({
  path: ["service", "scale"],
  aliases: [],
  flags: [{ long: "detach", short: "d", kind: "bool" }],
  interspersed: true,
  toIntent({ flags, args }) {
    if (args.length === 0) return refuse('"docker service scale" requires at least 1 argument (SERVICE=REPLICAS)');
    const targets = [];
    for (const arg of args) {
      const match = /^([^=]+)=(\d+)$/.exec(arg);
      if (match === null) return refuse(`invalid scale specifier '${arg}'`);
      targets.push({ service: match[1] ?? "", replicas: Number(match[2]) });
    }
    return { targets, detach: boolFlag(flags, "detach") === true };
  },
  plan: (intent) =>
    intent.targets.flatMap(({ service, replicas }) => [
      toApiCall(serviceInspectCall(service, `read ${service}'s current spec and its version`)),
      toApiCall(serviceUpdateCall("{id}", "{version}", "{the spec read above, with Replicas changed}", { replicas }, true)),
      ...(intent.detach ? [] : convergencePlan()),
    ]),
  async execute(intent, engine, io) {
    const failures: string[] = [];
    const scaled: { id: string; name: string }[] = [];
    for (const { service, replicas } of intent.targets) {
      try {
        const current = (await sendForJson(engine, serviceInspectCall(service, "read the spec"))) as SwarmService;
        if (current.Spec.Mode?.Replicated === undefined) {
          failures.push(`${service}: scale can only be used with replicated or replicated-job mode`);
          continue;
        }
        const spec = changedSpec(current.Spec, { replicas }, undefined);
        await sendForNothing(engine, serviceUpdateCall(current.ID, current.Version.Index, spec, { replicas }, true));
        io.stdout.write(`${service} scaled to ${replicas}\n`);
        scaled.push({ id: current.ID, name: service });
      } catch (error) {
        if (!isDaemonAnswer(error)) throw error;
        failures.push(daemonFailureText(error));
      }
    }
    let exitCode = 0;
    if (!intent.detach) for (const { id, name } of scaled) exitCode = Math.max(exitCode, await followService(engine, id, name, false, io));
    if (failures.length === 0) return exitCode;
    io.stderr.write(`${failures.join("\n")}\n`);
    return 1;
  },
});
