import { defineCommand, refuse } from "../../command.js";
import { type EngineCall, pathPart, toApiCall } from "../../engine-call.js";
import { daemonFailureText, isDaemonAnswer, reportDaemonError } from "../shared/daemon-failure.js";
import { naturalCompare } from "../shared/natural-order.js";
import { sendForJson, sendForNothing } from "../shared/send-call.js";
import type { SwarmService } from "./service-calls.js";
import { stackObjectsCall } from "./stack-calls.js";
import { killRemovedTasks } from "./task-kill.js";

interface StackRmIntent {
  readonly stacks: readonly string[];
}

type Kind = "services" | "secrets" | "configs" | "networks";
const KINDS: readonly Kind[] = ["services", "secrets", "configs", "networks"];
const SINGULAR: Record<Kind, string> = { services: "service", secrets: "secret", configs: "config", networks: "network" };

const removeCall = (kind: Kind, id: string, name: string): EngineCall => ({
  method: "DELETE",
  path: `/${kind}/${pathPart(id)}`,
  why: `remove the ${SINGULAR[kind]} ${name}`,
});

interface Named {
  readonly id: string;
  readonly name: string;
}

const named = (kind: Kind, object: Record<string, unknown>): Named => {
  if (kind === "networks") return { id: String(object.Id), name: String(object.Name) };
  return { id: String(object.ID), name: String((object as unknown as SwarmService).Spec?.Name ?? object.ID) };
};

export const stackRmCommand = defineCommand<StackRmIntent>({
  path: ["stack", "rm"],
  aliases: [
    ["stack", "remove"],
    ["stack", "down"],
  ],
  flags: [],
  interspersed: true,
  toIntent: ({ args }) => (args.length === 0 ? refuse('"docker stack rm" requires at least 1 argument (a stack)') : { stacks: args }),
  plan: (intent) =>
    intent.stacks.flatMap((stack) => [
      ...KINDS.map((kind) => toApiCall(stackObjectsCall(kind, stack, `find the stack's ${kind}`))),
      ...KINDS.map((kind) => ({ ...toApiCall(removeCall(kind, "{id}", `of ${stack}`)), when: `once per ${SINGULAR[kind]} found` })),
    ]),
  async execute(intent, engine, io) {
    let failed = false;
    for (const stack of intent.stacks) {
      try {
        const found = new Map<Kind, Named[]>();
        for (const kind of KINDS) {
          const objects = (await sendForJson(engine, stackObjectsCall(kind, stack, "find"))) as Record<string, unknown>[];
          found.set(
            kind,
            objects.map((o) => named(kind, o)).sort((a, b) => naturalCompare(a.name, b.name)),
          );
        }
        if (KINDS.every((kind) => (found.get(kind) ?? []).length === 0)) {
          io.stderr.write(`Nothing found in stack: ${stack}\n`);
          continue;
        }
        for (const kind of KINDS) {
          for (const object of found.get(kind) ?? []) {
            io.stdout.write(`Removing ${SINGULAR[kind]} ${object.name}\n`);
            try {
              await sendForNothing(engine, removeCall(kind, object.id, object.name));
              if (kind === "services") await killRemovedTasks(engine, object, io);
            } catch (error) {
              if (!isDaemonAnswer(error)) throw error;
              io.stderr.write(`Failed to remove ${SINGULAR[kind]} ${object.id}: ${daemonFailureText(error)}\n`);
              failed = true;
            }
          }
        }
      } catch (error) {
        reportDaemonError(error, io);
        failed = true;
      }
    }
    return failed ? 1 : 0;
  },
});
