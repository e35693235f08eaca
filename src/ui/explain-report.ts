import { type ApiCall, callLine } from "../docker/interpreter/api-call.js";
import { type Theme, withCode } from "./theme.js";

/** The plan of a docker command, one API call per block: method and path, why, and the fields that matter. */
export function renderExplanation(line: string, words: readonly string[], calls: readonly ApiCall[], t: Theme, willRun = false): string {
  const out = [
    `${t.bold(`docker ${words.join(" ")}`)} ${t.dim(`makes ${calls.length} Engine API call${calls.length === 1 ? "" : "s"}:`)}`,
    t.dim(`  $ ${line.trim()}`),
    "",
  ];
  calls.forEach((call, i) => {
    out.push(`${String(i + 1).padStart(2)}. ${t.code(callLine(call))}`);
    out.push(`    ${withCode(t, call.why)}`);
    if (call.when) out.push(`    ${t.yellow("when:")} ${withCode(t, call.when)}`);
    for (const note of call.notes ?? []) out.push(`    ${t.dim("·")} ${withCode(t, note)}`);
  });
  out.push(
    "",
    t.dim(willRun ? "Running it through the tutor's interpreter:" : "Nothing ran. Add --run to run it through the tutor's interpreter."),
  );
  return `${out.join("\n")}\n`;
}
