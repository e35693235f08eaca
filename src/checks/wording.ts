/** How checks put daemon state into words: names in backticks, short ids, short excerpts. */
import type { CheckKind } from "../lessons/schema.js";
import type { CheckResult } from "./check.js";

export const code = (text: string | number): string => `\`${text}\``;

/** The 12 characters `docker ps` shows. */
export const shortId = (id: string): string => id.replace(/^sha256:/, "").slice(0, 12);

/** "a", "a and b", "a, b and c". */
export function joinPhrases(phrases: readonly string[]): string {
  if (phrases.length <= 1) return phrases[0] ?? "";
  return `${phrases.slice(0, -1).join(", ")} and ${phrases[phrases.length - 1]}`;
}

/** A one-line taste of some output, so a learner sees what came back instead of what was expected. */
export function excerpt(text: string, max = 60): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}

/** Words for what a piece of output shows: "printed nothing" or "printed `…`". */
export const printed = (output: string): string => (output.trim() === "" ? "printed nothing" : `printed ${code(excerpt(output))}`);

export const checkResult = (kind: CheckKind, pass: boolean, expected: string, actual: string): CheckResult => ({
  kind,
  pass,
  expected,
  actual,
});

/** "80" and "80/tcp" name the same port. */
export function normalizePort(port: string): string {
  const trimmed = port.trim();
  return trimmed.includes("/") ? trimmed.toLowerCase() : `${trimmed}/tcp`;
}

/** "1 manager", "2 managers". */
export const counted = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? "" : "s"}`;
