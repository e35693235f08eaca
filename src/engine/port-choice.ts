import type { Lesson } from "../lessons/schema.js";
import { variableKind } from "../lessons/variables.js";

export interface PortMove {
  readonly variable: string;
  readonly wanted: number;
  readonly chosen: number;
  /** Who holds the wanted port, in words: "container web (nginx:alpine)". */
  readonly holder: string;
}

/**
 * For each port variable the learner did not set, a free port when something else holds the one
 * it has: the next port up that nothing holds. `heldBy` names a foreign holder, or undefined when
 * the port is free or held by the lesson itself. The holder is never touched.
 */
export async function movePorts(
  lesson: Lesson,
  values: Readonly<Record<string, string>>,
  explicit: ReadonlySet<string>,
  heldBy: (port: number) => Promise<string | undefined>,
  tries = 100,
): Promise<PortMove[]> {
  const moves: PortMove[] = [];
  const taken = new Set(
    Object.entries(lesson.variables)
      .filter(([, v]) => variableKind(v) === "port")
      .map(([name]) => Number(values[name])),
  );
  for (const [name, variable] of Object.entries(lesson.variables)) {
    if (variableKind(variable) !== "port" || explicit.has(name)) continue;
    const wanted = Number(values[name]);
    if (!Number.isInteger(wanted)) continue;
    const holder = await heldBy(wanted);
    if (holder === undefined) continue;
    for (let candidate = wanted + 1; candidate <= Math.min(65535, wanted + tries); candidate++) {
      if (taken.has(candidate) || (await heldBy(candidate)) !== undefined) continue;
      taken.add(candidate);
      moves.push({ variable: name, wanted, chosen: candidate, holder });
      break;
    }
  }
  return moves;
}
