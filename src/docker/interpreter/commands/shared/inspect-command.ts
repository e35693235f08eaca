import { type CommandDefinition, defineCommand, isRefusal, refuse } from "../../command.js";
import { type EngineCall, toApiCall } from "../../engine-call.js";
import { boolFlag, stringFlag } from "../../flags.js";
import { type InspectFormat, inspectEach, lookupBy, parseInspectFormat } from "./inspect-output.js";

export interface InspectIntent {
  readonly targets: readonly string[];
  readonly format: InspectFormat;
}

/** The flags every `docker … inspect` takes here; `--pretty` (service, node) is refused by name. */
export const INSPECT_FLAGS = [
  { long: "format", short: "f", kind: "string" },
  { long: "pretty", kind: "bool" },
] as const;

/** The objects named and the output format, or why not. */
export function inspectIntent(input: { flags: Parameters<typeof stringFlag>[0]; args: readonly string[] }, command: string, noun: string) {
  if (input.args.length === 0) return refuse(`"docker ${command}" requires at least 1 argument (${noun})`);
  if (boolFlag(input.flags, "pretty")) return refuse("the interpreter does not print --pretty; the docker CLI does");
  const format = parseInspectFormat(stringFlag(input.flags, "format"));
  return isRefusal(format) ? format : { targets: input.args, format };
}

/** `docker <object> inspect NAME…`: one GET per name, printed as the CLI prints inspect output. */
export function defineInspectCommand(spec: {
  readonly path: readonly [string, string];
  /** "an image", "a network"… for the missing-argument sentence. */
  readonly noun: string;
  readonly call: (target: string) => EngineCall;
  readonly pretty?: boolean;
}): CommandDefinition {
  return defineCommand<InspectIntent>({
    path: spec.path,
    aliases: [],
    flags: spec.pretty ? [...INSPECT_FLAGS] : [INSPECT_FLAGS[0]],
    interspersed: true,
    toIntent: (input) => inspectIntent(input, spec.path.join(" "), spec.noun),
    plan: (intent) => intent.targets.map((target) => toApiCall(spec.call(target))),
    execute: (intent, engine, io) =>
      inspectEach(
        engine,
        intent.targets.map((target) => lookupBy(spec.call(target))),
        intent.format,
        io,
      ),
  });
}
