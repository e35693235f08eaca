import { defineCommand, refuse } from "../../command.js";
import { type EngineCall, pathPart, toApiCall } from "../../engine-call.js";
import { boolFlag } from "../../flags.js";
import { daemonFailureText } from "../shared/daemon-failure.js";
import { sendForNothing } from "../shared/send-call.js";

interface VolumeRmIntent {
  readonly volumes: readonly string[];
  readonly force: boolean;
}

export const volumeRmCall = (volume: string, force: boolean): EngineCall => ({
  method: "DELETE",
  path: `/volumes/${pathPart(volume)}`,
  ...(force ? { query: { force: "1" } } : {}),
  why: `delete the volume ${volume} and every file in it; the daemon refuses while a container uses it`,
});

export const volumeRmCommand = defineCommand<VolumeRmIntent>({
  path: ["volume", "rm"],
  aliases: [["volume", "remove"]],
  flags: [{ long: "force", short: "f", kind: "bool" }],
  interspersed: true,
  toIntent({ flags, args }) {
    if (args.length === 0) return refuse('"docker volume rm" requires at least 1 argument (a volume)');
    return { volumes: args, force: boolFlag(flags, "force") === true };
  },
  plan: (intent) => intent.volumes.map((volume) => toApiCall(volumeRmCall(volume, intent.force))),
  async execute(intent, engine, io) {
    const failures: string[] = [];
    for (const volume of intent.volumes) {
      try {
        await sendForNothing(engine, volumeRmCall(volume, intent.force));
        io.stdout.write(`${volume}\n`);
      } catch (error) {
        failures.push(daemonFailureText(error));
      }
    }
    if (failures.length === 0) return 0;
    io.stderr.write(`${failures.join("\n")}\n`);
    return 1;
  },
});
