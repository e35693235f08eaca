import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import type { Lesson } from "../lessons/schema.js";
import { variableKind } from "../lessons/variables.js";

/** Five lowercase letters and digits: valid in container, network, volume and image names. */
export const newSuffix = (): string => [...randomBytes(5)].map((byte) => "abcdefghijklmnopqrstuvwxyz0123456789"[byte % 36]).join("");

/** The longest playground name (playground-plan.ts playgroundNameProblem). */
const PLAYGROUND_NAME_MAX = 31;

/** A playground name that is a test run's own: the lesson's, ending in the run's suffix (shortened to fit). */
export function ownPlayground(name: string, suffix: string): string {
  if (name.endsWith(`-${suffix}`)) return name;
  return `${name.slice(0, PLAYGROUND_NAME_MAX - suffix.length - 1)}-${suffix}`;
}

/** A host port nothing listens on now (the OS picks it, so two runs at once do not collide). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * Values for a lesson's variables that keep one test run apart from everything else on the
 * daemon: every name gets the run's suffix, every port a free one, text stays as written (or as given).
 */
export async function isolatedVariables(
  lesson: Lesson,
  suffix: string,
  pickPort = freePort,
  /** Values given with --var: text keeps them (an address, a message); names and ports are the run's own. */
  given: Readonly<Record<string, string>> = {},
): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const [name, variable] of Object.entries(lesson.variables)) {
    const kind = variableKind(variable);
    const text = given[name] ?? variable.default;
    values[name] = kind === "port" ? String(await pickPort()) : kind === "name" ? `${variable.default}-${suffix}` : text;
  }
  return values;
}
