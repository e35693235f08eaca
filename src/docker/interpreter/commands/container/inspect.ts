import type { ApiCall } from "../../api-call.js";
import { type CommandIO, defineCommand, type IntentInput, isRefusal, type Refusal } from "../../command.js";
import { stringFlag } from "../../flags.js";
import type { EngineTransport } from "../../transport.js";
import { type InspectFormat, inspectEach, parseInspectFormat } from "../shared/inspect-output.js";
import { containerPath, needsArguments } from "./container-args.js";

interface InspectIntent {
  readonly refs: readonly string[];
  readonly format: InspectFormat;
  /** `docker inspect` looks for any kind of object; `docker container inspect` only for containers. */
  readonly anyKind: boolean;
}

const FLAGS = [{ long: "format", short: "f", kind: "string" }] as const;

/** Where each kind of object is read, in the order `docker inspect` tries them. */
const KINDS = [
  { kind: "container", path: (ref: string) => containerPath(ref, "json") },
  { kind: "image", path: (ref: string) => `/images/${encodeURIComponent(ref)}/json` },
  { kind: "network", path: (ref: string) => `/networks/${encodeURIComponent(ref)}` },
  { kind: "volume", path: (ref: string) => `/volumes/${encodeURIComponent(ref)}` },
] as const;

function toInspectIntent(input: IntentInput, anyKind: boolean): InspectIntent | Refusal {
  const missing = needsArguments(input.args, 1, anyKind ? "inspect" : "container inspect", "the object(s)");
  if (missing) return missing;
  const format = parseInspectFormat(stringFlag(input.flags, "format"));
  return isRefusal(format) ? format : { refs: input.args, anyKind, format };
}

function callsFor(ref: string, intent: InspectIntent): ApiCall[] {
  const kinds = intent.anyKind ? KINDS : KINDS.slice(0, 1);
  return kinds.map(({ kind, path }, index) => ({
    method: "GET" as const,
    path: path(ref),
    why: `read ${ref} as the daemon describes it (as a ${kind})`,
    ...(index === 0 ? {} : { when: `no ${KINDS[index - 1]?.kind ?? "object"} has that name (404)` }),
    notes: [FORMAT_NOTES[intent.format.kind]],
  }));
}

const FORMAT_NOTES = {
  indented: "printed as the daemon sent it, indented by 4 spaces, in a JSON array",
  json: "printed as the daemon sent it, on one line, in a JSON array",
  template: "the --format template is filled in here, from that JSON",
} as const;

const inspectCalls = (intent: InspectIntent): ApiCall[] => intent.refs.flatMap((ref) => callsFor(ref, intent));

export const containerInspectCommand = defineCommand<InspectIntent>({
  path: ["container", "inspect"],
  aliases: [],
  flags: FLAGS,
  interspersed: true,
  toIntent: (input) => toInspectIntent(input, false),
  plan: inspectCalls,
  execute: executeInspect,
});

export const inspectCommand = defineCommand<InspectIntent>({
  path: ["inspect"],
  aliases: [],
  flags: FLAGS,
  interspersed: true,
  toIntent: (input) => toInspectIntent(input, true),
  plan: inspectCalls,
  execute: executeInspect,
});

/** `docker inspect` says "No such object" only once no kind of object has the name. */
function executeInspect(intent: InspectIntent, engine: EngineTransport, io: CommandIO): Promise<number> {
  const lookups = intent.refs.map((ref) => ({
    calls: callsFor(ref, intent),
    ...(intent.anyKind ? { missing: `Error: No such object: ${ref}` } : {}),
  }));
  return inspectEach(engine, lookups, intent.format, io);
}
