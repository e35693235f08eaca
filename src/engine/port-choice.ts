import type { Lesson } from "../lessons/schema.js";
import { variableKind } from "../lessons/variables.js";

export type PortMove = {
  readonly variable: string;
  readonly wanted: number;
  readonly chosen: number;
} & (
  | {
      readonly why: "held";
      /** Who holds the wanted port, in words: "container web (nginx:alpine)". */
      readonly holder: string;
    }
  /** The daemon cannot publish the wanted port (a rootless daemon, a port below 1024). */
  | { readonly why: "privileged" }
);

export interface PortLimits {
  /** The lowest port the daemon can publish (1024 for a rootless daemon); 0 when any. */
  readonly lowestPort?: number;
  /** How many ports up to look for a free one. */
  readonly tries?: number;
}

/**
 * For each port variable the learner did not set, a port the lesson can use when the one it has
 * cannot be: the next port up that nothing holds when something else holds it, and, for a port
 * the daemon cannot publish, the same port in the 8000s (80 → 8080, 443 → 8443) or the next free
 * one after. `heldBy` names a foreign holder, or undefined when the port is free or held by the
 * lesson itself. The holder is never touched.
 */
export async function movePorts(
  lesson: Lesson,
  values: Readonly<Record<string, string>>,
  explicit: ReadonlySet<string>,
  heldBy: (port: number) => Promise<string | undefined>,
  { lowestPort = 0, tries = 100 }: PortLimits = {},
): Promise<PortMove[]> {
  const moves: PortMove[] = [];
  const taken = new Set(
    Object.entries(lesson.variables)
      .filter(([, v]) => variableKind(v) === "port")
      .map(([name]) => Number(values[name])),
  );
  const freeFrom = async (first: number): Promise<number | undefined> => {
    for (let candidate = first; candidate <= Math.min(65535, first + tries - 1); candidate++) {
      if (candidate < lowestPort || taken.has(candidate) || (await heldBy(candidate)) !== undefined) continue;
      taken.add(candidate);
      return candidate;
    }
    return undefined;
  };
  for (const [name, variable] of Object.entries(lesson.variables)) {
    if (variableKind(variable) !== "port" || explicit.has(name)) continue;
    const wanted = Number(values[name]);
    if (!Number.isInteger(wanted)) continue;
    if (wanted < lowestPort) {
      const chosen = await freeFrom(unprivilegedStandIn(wanted, lowestPort));
      if (chosen !== undefined) moves.push({ variable: name, wanted, chosen, why: "privileged" });
      continue;
    }
    const holder = await heldBy(wanted);
    if (holder === undefined) continue;
    const chosen = await freeFrom(wanted + 1);
    if (chosen !== undefined) moves.push({ variable: name, wanted, chosen, why: "held", holder });
  }
  return moves;
}

/** Where to look first for a port the daemon can publish in place of a privileged one: 80 → 8080, 443 → 8443. */
export function unprivilegedStandIn(port: number, lowestPort: number): number {
  return Math.max(port + 8000, lowestPort);
}
