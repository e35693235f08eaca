import { defineCommand, refuse } from "../../command.js";
import { type EngineCall, pathPart, toApiCall } from "../../engine-call.js";
import type { EngineTransport } from "../../transport.js";
import { daemonFailureText, isDaemonAnswer } from "../shared/daemon-failure.js";
import { sendForJson, sendForNothing } from "../shared/send-call.js";
import { type SwarmService, serviceInspectCall } from "./service-calls.js";
import { killRemovedTasks } from "./task-kill.js";

interface ServiceRmIntent {
  readonly services: readonly string[];
}

export const serviceRmCall = (service: string): EngineCall => ({
  method: "DELETE",
  path: `/services/${pathPart(service)}`,
  why: `remove the service ${service}; the swarm stops and removes its tasks`,
});

export const serviceRmCommand = defineCommand<ServiceRmIntent>({
  path: ["service", "rm"],
  aliases: [["service", "remove"]],
  flags: [],
  interspersed: true,
  toIntent({ args }) {
    if (args.length === 0) return refuse('"docker service rm" requires at least 1 argument (a service)');
    return { services: args };
  },
  plan: (intent) => intent.services.map((s) => toApiCall(serviceRmCall(s))),
  async execute(intent, engine, io) {
    const failures: string[] = [];
    for (const service of intent.services) {
      try {
        // A test run that may kill the tasks needs the service's ID and name first (as typed, it may be either).
        const found = io.killRemovedTasks ? await serviceNamed(engine, service) : undefined;
        await sendForNothing(engine, serviceRmCall(service));
        io.stdout.write(`${service}\n`);
        if (found) await killRemovedTasks(engine, found, io);
      } catch (error) {
        if (!isDaemonAnswer(error)) throw error;
        failures.push(daemonFailureText(error));
      }
    }
    if (failures.length === 0) return 0;
    io.stderr.write(`${failures.join("\n")}\n`);
    return 1;
  },
});

/** The service's ID and name, or undefined when it cannot be read (the removal then says why). */
async function serviceNamed(engine: EngineTransport, service: string): Promise<{ id: string; name: string } | undefined> {
  try {
    const found = (await sendForJson(engine, serviceInspectCall(service, "read the service's ID"))) as SwarmService;
    return { id: found.ID, name: found.Spec.Name };
  } catch {
    return undefined;
  }
}
