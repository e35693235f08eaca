import { defineCommand, refuse } from "../../command.js";
import { type EngineCall, pathPart, toApiCall } from "../../engine-call.js";
import { daemonFailureText, isDaemonAnswer } from "../shared/daemon-failure.js";
import { sendForNothing } from "../shared/send-call.js";

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
        await sendForNothing(engine, serviceRmCall(service));
        io.stdout.write(`${service}\n`);
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
