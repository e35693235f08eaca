import { readFileSync } from "node:fs";
import { isMap, isSeq, LineCounter, parseDocument } from "yaml";

/** The line each step starts on in a lesson file (1-based), by step id: for CI annotations. */
export function stepLines(file: string): Map<string, number> {
  const lines = new LineCounter();
  const text = readFileSync(file, "utf8");
  const doc = parseDocument(text, { lineCounter: lines });
  const steps = isMap(doc.contents) ? doc.contents.get("steps", true) : undefined;
  const found = new Map<string, number>();
  if (!isSeq(steps)) return found;
  for (const item of steps.items) {
    if (!isMap(item)) continue;
    const id = item.get("id");
    const start = item.range?.[0];
    if (typeof id === "string" && start !== undefined) found.set(id, lines.linePos(start).line);
  }
  return found;
}
