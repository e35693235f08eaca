import type Dockerode from "dockerode";
import { type CommandIO, isRefusal, type Refusal } from "../../command.js";
import { compactJson, indentJson } from "../../format/go-json.js";
import { parseTemplate, renderTemplate, type Template } from "../../format/go-template.js";
import { daemonFailureText } from "./daemon-failure.js";
import type { EngineCall } from "./engine-call.js";
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

type Fetched = { readonly raw: string } | { readonly failure: string };

/**
 * Sends each GET in order, then prints as cli/command/inspect does: everything found on stdout, then
 * every failure on stderr, exit 1 if there was one.
 */
export async function inspectEach(docker: Dockerode, calls: readonly EngineCall[], format: InspectFormat, io: CommandIO): Promise<number> {
  const fetched: Fetched[] = [];
  for (const call of calls) {
    try {
      fetched.push({ raw: await sendForText(docker, call) });
    } catch (error) {
      fetched.push({ failure: daemonFailureText(error) });
    }
  }
  const raws = fetched.flatMap((one) => ("raw" in one ? [one.raw] : []));
  const failures = fetched.flatMap((one) => ("failure" in one ? [one.failure] : []));
  const printed = format.kind === "template" ? printTemplates(raws, format.template) : printJson(raws, format.kind);
  io.stdout.write(printed.text);
  const problems = [...failures, ...printed.problems];
  if (problems.length === 0) return 0;
  io.stderr.write(`${problems.join("\n")}\n`);
  return 1;
}

function printJson(raws: readonly string[], kind: "indented" | "json"): { text: string; problems: string[] } {
  if (raws.length === 0) return { text: "[]\n", problems: [] };
  const array = `[${raws.map((raw) => raw.trim()).join(",")}]`;
  return { text: `${kind === "json" ? compactJson(array) : indentJson(array)}\n`, problems: [] };
}

/** One line per object; an object the template fails on adds a problem instead, and nothing printed at all is a blank line. */
function printTemplates(raws: readonly string[], template: Template): { text: string; problems: string[] } {
  let text = "";
  const problems: string[] = [];
  for (const raw of raws) {
    const rendered = renderTemplate(template, JSON.parse(raw));
    if (rendered.ok) text += `${rendered.text}\n`;
    else problems.push(rendered.problem);
  }
  return { text: text === "" ? "\n" : text, problems };
}
