import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { defineCommand, isRefusal, refuse } from "../../command.js";
import { ANONYMOUS_REGISTRY_AUTH, type EngineCall, pathPart, toApiCall } from "../../engine-call.js";
import { boolFlag, listFlag } from "../../flags.js";
import { reportDaemonError } from "../shared/daemon-failure.js";
import { sendForJson, sendForNothing } from "../shared/send-call.js";
import { planStack, type StackPlan } from "./compose-file.js";
import { distributionCall, resolveImage, type SwarmService, unpinnedWarning } from "./service-calls.js";
import { convergencePlan, followService } from "./service-create.js";
import { pinnedImage } from "./service-spec.js";
import { stackObjectsCall } from "./stack-calls.js";
import { withStopGrace } from "./stop-grace.js";
import { infoCall, NOT_A_MANAGER, type SwarmInfo } from "./swarm-calls.js";

export interface StackDeployIntent {
  readonly stack: string;
  readonly file: string;
  readonly plan: StackPlan;
  /** undefined: the CLI's default (do not wait, and say so). */
  readonly detach: boolean | undefined;
}

const DETACH_NOTICE =
  "Since --detach=false was not specified, tasks will be created in the background.\nIn a future release, --detach=false will become the default.\n";

const networkCreateCall = (name: string, body: unknown): EngineCall => ({
  method: "POST",
  path: "/networks/create",
  body,
  why: `create the overlay network ${name}: the stack's services reach each other on it by service name`,
});

const createCall = (name: string, spec: unknown): EngineCall => ({
  method: "POST",
  path: "/services/create",
  headers: { "X-Registry-Auth": ANONYMOUS_REGISTRY_AUTH },
  body: spec,
  why: `create the service ${name}, labelled as part of the stack`,
});

const updateCall = (id: string, version: number | string, spec: unknown, name: string): EngineCall => ({
  method: "POST",
  path: `/services/${pathPart(id)}/update`,
  query: { registryAuthFrom: "spec", version },
  headers: { "X-Registry-Auth": ANONYMOUS_REGISTRY_AUTH },
  body: spec,
  why: `update ${name}, which the stack already has, to the file's spec`,
});

export const stackDeployCommand = defineCommand<StackDeployIntent>({
  path: ["stack", "deploy"],
  aliases: [["stack", "up"]],
  flags: [
    { long: "compose-file", short: "c", kind: "list" },
    { long: "detach", short: "d", kind: "bool" },
  ],
  interspersed: true,
  toIntent({ flags, args, cwd }) {
    if (args.length !== 1) return refuse(`"docker stack deploy" requires exactly 1 argument (the stack's name), got ${args.length}`);
    const files = listFlag(flags, "compose-file");
    if (files.length === 0) return refuse("Please specify a Compose file (with --compose-file).");
    if (files.length > 1) return refuse("merging several compose files is not run by the interpreter; the docker CLI does it");
    const file = resolve(cwd, files[0] ?? "");
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      return refuse(`open ${file}: no such file or directory`);
    }
    const stack = args[0] ?? "";
    const plan = planStack(text, stack);
    if (isRefusal(plan)) return plan;
    return { stack, file, plan, detach: boolFlag(flags, "detach") };
  },
  plan: (intent) => [
    toApiCall(infoCall("check that this node is a swarm manager: stacks live in the swarm")),
    toApiCall(stackObjectsCall("networks", intent.stack, "find the stack's networks that exist already")),
    ...intent.plan.networks.map((n) => ({ ...toApiCall(networkCreateCall(n.name, n.body)), when: "the network does not exist yet" })),
    toApiCall(stackObjectsCall("services", intent.stack, "find the stack's services that exist already (they are updated, not created)")),
    ...intent.plan.services.flatMap((s) => [
      toApiCall(distributionCall(s.image)),
      {
        ...toApiCall(createCall(s.name, s.spec(pinnedImage(s.image, "{digest}"), []))),
        when: "the stack has no such service yet (else POST /services/{id}/update?version=…)",
      },
      ...(intent.detach === false ? convergencePlan() : []),
    ]),
  ],
  async execute(intent, engine, io) {
    try {
      const info = (await sendForJson(engine, infoCall("check the swarm"))) as SwarmInfo;
      if (info.Swarm?.ControlAvailable !== true) {
        io.stderr.write(`${NOT_A_MANAGER.replace(/^This/, "this")}\n`);
        return 1;
      }
      if (intent.detach === undefined) io.stderr.write(DETACH_NOTICE);
      const existingNetworks = new Set(
        ((await sendForJson(engine, stackObjectsCall("networks", intent.stack, "find networks"))) as { Name: string }[]).map((n) => n.Name),
      );
      for (const network of intent.plan.networks) {
        if (existingNetworks.has(network.name)) continue;
        io.stdout.write(`Creating network ${network.name}\n`);
        await sendForNothing(engine, networkCreateCall(network.name, network.body));
      }
      const existing = new Map(
        ((await sendForJson(engine, stackObjectsCall("services", intent.stack, "find services"))) as SwarmService[]).map((s) => [
          s.Spec.Name,
          s,
        ]),
      );
      const ids: { id: string; name: string }[] = [];
      for (const service of intent.plan.services) {
        const resolved = await resolveImage(engine, service.image);
        if (resolved.digest === undefined) io.stderr.write(unpinnedWarning(service.image));
        const spec = service.spec(pinnedImage(service.image, resolved.digest), resolved.platforms);
        const current = existing.get(service.name);
        if (current) {
          io.stdout.write(`Updating service ${service.name} (id: ${current.ID})\n`);
          await sendForNothing(engine, updateCall(current.ID, current.Version.Index, spec, service.name));
          ids.push({ id: current.ID, name: service.name });
        } else {
          io.stdout.write(`Creating service ${service.name}\n`);
          const created = (await sendForJson(engine, createCall(service.name, withStopGrace(spec, io)))) as { ID: string };
          ids.push({ id: created.ID, name: created.ID });
        }
      }
      let exitCode = 0;
      if (intent.detach === false)
        for (const { id, name } of ids) exitCode = Math.max(exitCode, await followService(engine, id, name, false, io));
      return exitCode;
    } catch (error) {
      return reportDaemonError(error, io);
    }
  },
});
