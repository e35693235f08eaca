import { statusCodeOf } from "../../../docker-errors.js";
import { type CommandIO, isRefusal, type Refusal } from "../../command.js";
import type { EngineCall } from "../../engine-call.js";
import { compactJson, indentJson } from "../../format/go-json.js";
import { parseTemplate, renderTemplate, type Template } from "../../format/go-template.js";
import type { EngineTransport } from "../../transport.js";
import { fromDaemon, isDaemonAnswer } from "./daemon-failure.js";
import { sendForText } from "./send-call.js";

/** How `docker … inspect` prints: an indented JSON array, compact JSON (`--format json`), or a template per object. */
export type InspectFormat =
  | { readonly kind: "indented" }
  | { readonly kind: "json" }
  | { readonly kind: "template"; readonly template: Template };

export function parseInspectFormat(format: string | undefined): InspectFormat | Refusal {
  if (format === undefined || format === "") return { kind: "indented" };
  if (format === "json") return { kind: "json" };
  const template = parseTemplate(format);
  return isRefusal(template) ? template : { kind: "template", template };
}

/** One object to read: the GETs that may find it, each tried only after the one before answered 404. */
export interface InspectLookup {
  readonly calls: readonly EngineCall[];
  /** What to print when every call answered 404, instead of the daemon's last answer. */
  readonly missing?: string;
}

/** The usual lookup: one GET. */
export const lookupBy = (call: EngineCall): InspectLookup => ({ calls: [call] });

/**
 * Reads each object in order, then prints as cli/command/inspect does: everything found on stdout, then
 * every failure (not found, or a template that fails on it) on stderr in the order of the names, exit 1
 * if there was one. A failure that is not the daemon's answer (it is not there) is thrown for the
 * tutor's one handler.
 */
export async function inspectEach(
  engine: EngineTransport,
  lookups: readonly InspectLookup[],
  format: InspectFormat,
  io: CommandIO,
): Promise<number> {
  const raws: string[] = [];
  const problems: string[] = [];
  let text = "";
  for (const lookup of lookups) {
    const found = await readFirstFound(engine, lookup);
    if ("failure" in found) problems.push(found.failure);
    else if (format.kind !== "template") raws.push(found.raw.trim());
    else {
      const rendered = renderTemplate(format.template, JSON.parse(found.raw));
      if (rendered.ok) text += `${rendered.text}\n`;
      else problems.push(rendered.problem);
    }
  }
  if (format.kind === "template") io.stdout.write(text === "" ? "\n" : text);
  else if (raws.length === 0) io.stdout.write("[]\n");
  else io.stdout.write(`${format.kind === "json" ? compactJson(`[${raws.join(",")}]`) : indentJson(`[${raws.join(",")}]`)}\n`);
  if (problems.length === 0) return 0;
  io.stderr.write(`${problems.join("\n")}\n`);
  return 1;
}

async function readFirstFound(engine: EngineTransport, lookup: InspectLookup): Promise<{ raw: string } | { failure: string }> {
  let failure = "";
  for (const call of lookup.calls) {
    try {
      return { raw: await sendForText(engine, call) };
    } catch (error) {
      if (!isDaemonAnswer(error)) throw error;
      failure = fromDaemon(error);
      if (statusCodeOf(error) !== 404) return { failure };
    }
  }
  return { failure: lookup.missing ?? failure };
}
