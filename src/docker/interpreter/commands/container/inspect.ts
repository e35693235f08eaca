import type Dockerode from "dockerode";
import { statusCodeOf } from "../../../docker-errors.js";
import type { ApiCall } from "../../api-call.js";
import { type CommandIO, defineCommand, type IntentInput, isRefusal, type Refusal } from "../../command.js";
import { stringFlag } from "../../flags.js";
import { indentJson } from "../../format/go-json.js";
import { parseTemplate, renderTemplate, type Template } from "../../format/go-template.js";
import { fromDaemon, isDaemonAnswer } from "../shared/daemon-failure.js";
import { readAll, sendForStream } from "../shared/send-call.js";
import { containerPath, needsArguments } from "./container-args.js";

interface InspectIntent {
  readonly refs: readonly string[];
  readonly template?: Template;
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
  const format = stringFlag(input.flags, "format");
  if (format === undefined || format === "") return { refs: input.args, anyKind };
  const template = parseTemplate(format);
  return isRefusal(template) ? template : { refs: input.args, anyKind, template };
}

function callsFor(ref: string, intent: InspectIntent): ApiCall[] {
  const kinds = intent.anyKind ? KINDS : KINDS.slice(0, 1);
  return kinds.map(({ kind, path }, index) => ({
    method: "GET" as const,
    path: path(ref),
    why: `read ${ref} as the daemon describes it (as a ${kind})`,
    ...(index === 0 ? {} : { when: `no ${KINDS[index - 1]?.kind ?? "object"} has that name (404)` }),
    notes: intent.template
      ? ["the --format template is filled in here, from that JSON"]
      : ["printed as the daemon sent it, indented by 4 spaces, in a JSON array"],
  }));
}

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

/** Objects and errors keep the order of the names given; errors go to stderr at the end, exit code 1. */
async function executeInspect(intent: InspectIntent, docker: Dockerode, io: CommandIO): Promise<number> {
  const raws: string[] = [];
  const lines: string[] = [];
  const errors: string[] = [];
  for (const ref of intent.refs) {
    const found = await readFirstFound(docker, callsFor(ref, intent));
    if ("error" in found) errors.push(intent.anyKind ? `Error: No such object: ${ref}` : found.error);
    else if (intent.template === undefined) raws.push(found.raw);
    else {
      const rendered = renderTemplate(intent.template, JSON.parse(found.raw));
      if (rendered.ok) lines.push(`${rendered.text}\n`);
      else errors.push(rendered.problem);
    }
  }
  if (intent.template !== undefined) io.stdout.write(lines.length === 0 ? "\n" : lines.join(""));
  else io.stdout.write(raws.length === 0 ? "[]\n" : `${indentJson(`[${raws.join(",")}]`)}\n`);
  if (errors.length === 0) return 0;
  io.stderr.write(`${errors.join("\n")}\n`);
  return 1;
}

/** The first call the daemon answers; the next kind is tried only after a 404. */
async function readFirstFound(docker: Dockerode, calls: readonly ApiCall[]): Promise<{ raw: string } | { error: string }> {
  let error = "";
  for (const call of calls) {
    try {
      return { raw: (await readAll(await sendForStream(docker, call))).toString("utf8") };
    } catch (failure) {
      if (!isDaemonAnswer(failure)) throw failure;
      error = fromDaemon(failure);
      if (statusCodeOf(failure) !== 404) break;
    }
  }
  return { error };
}
