import { defineCommand, refuse } from "../../command.js";
import { type EngineCall, toApiCall } from "../../engine-call.js";
import { listFlag, stringFlag } from "../../flags.js";
import { reportFailure } from "../shared/daemon-failure.js";
import { keyValues } from "../shared/key-values.js";
import { sendForJson } from "../shared/send-call.js";

export interface VolumeCreateIntent {
  /** Absent: the daemon names it with 64 random hex digits. */
  readonly name?: string;
  readonly driver: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly options: Readonly<Record<string, string>>;
}

/** POST /volumes/create with the CLI's body (empty fields left out). */
export function volumeCreateCall(intent: VolumeCreateIntent): EngineCall {
  const hasLabels = Object.keys(intent.labels).length > 0;
  const hasOptions = Object.keys(intent.options).length > 0;
  return {
    method: "POST",
    path: "/volumes/create",
    body: {
      Driver: intent.driver,
      ...(hasOptions ? { DriverOpts: intent.options } : {}),
      ...(hasLabels ? { Labels: intent.labels } : {}),
      ...(intent.name ? { Name: intent.name } : {}),
    },
    why: intent.name ? `create the volume ${intent.name} (nothing happens if it already exists)` : "create a volume with a random name",
    notes: [`Driver: ${intent.driver} (local: a folder the daemon manages under /var/lib/docker/volumes)`],
  };
}

export const volumeCreateCommand = defineCommand<VolumeCreateIntent>({
  path: ["volume", "create"],
  aliases: [],
  flags: [
    { long: "driver", short: "d", kind: "string" },
    { long: "name", kind: "string" },
    { long: "label", kind: "list" },
    { long: "opt", short: "o", kind: "list" },
  ],
  interspersed: true,
  toIntent({ flags, args }) {
    if (args.length > 1) return refuse(`"docker volume create" accepts at most 1 argument (the volume's name), got ${args.length}`);
    const flagName = stringFlag(flags, "name");
    if (flagName !== undefined && args.length === 1 && flagName !== args[0]) {
      return refuse(`conflicting options: either specify --name or provide positional arg, not both`);
    }
    const name = args[0] ?? flagName;
    const base = {
      driver: stringFlag(flags, "driver") ?? "local",
      labels: keyValues(listFlag(flags, "label")),
      options: keyValues(listFlag(flags, "opt")),
    };
    return name ? { ...base, name } : base;
  },
  plan: (intent) => [toApiCall(volumeCreateCall(intent))],
  async execute(intent, engine, io) {
    try {
      const volume = (await sendForJson(engine, volumeCreateCall(intent))) as { Name?: string };
      io.stdout.write(`${volume.Name ?? ""}\n`);
      return 0;
    } catch (error) {
      return reportFailure(io, error);
    }
  },
});
