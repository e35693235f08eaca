import type { TokenizeEnv } from "../docker/interpreter/tokenize.js";
import type { DockerReader } from "../docker/reader.js";
import type { MadeRecord, Snapshot } from "../progress/store.js";
import type { DaemonObjects } from "./ownership.js";

export type NamedKind = "container" | "network";

/** The name a command line gives what it makes: `docker run --name web1 …` → container web1. */
export interface NameToMake {
  readonly kind: NamedKind;
  readonly name: string;
}

/** What already has that name, and whose it is by the record of what the lesson made (made-record.ts). */
export interface NameHolder extends NameToMake {
  readonly id: string;
  /** On the daemon's clock. */
  readonly created: Date;
  /** A container's state: running, exited, created (never started)… */
  readonly state?: string;
  /** The containers on a network, by name. */
  readonly attached: readonly string[];
  /**
   * `lesson`: the lesson's own, from an earlier try (recorded as made while it ran); `before-lesson`:
   * it was there before the lesson began (or nothing recorded when it began); `not-the-lessons`:
   * made since, but not by the lesson while it ran.
   */
  readonly whose: "lesson" | "before-lesson" | "not-the-lessons";
}

const MAKES: Readonly<Record<string, NamedKind>> = {
  "container run": "container",
  "container create": "container",
  "network create": "network",
};

/** Undefined for a line that names nothing it makes (or is not a docker command the interpreter knows). */
export async function nameToMake(line: string, env: TokenizeEnv): Promise<NameToMake | undefined> {
  // Loaded on first use, as the interpreter always is: its command tables are not needed to check a lesson.
  const { interpret } = await import("../docker/interpreter/interpret.js");
  const interpretation = interpret(line, env);
  if (!interpretation.ok) return undefined;
  const kind = MAKES[interpretation.command.path.join(" ")];
  const name = (interpretation.intent as { name?: unknown }).name;
  return kind !== undefined && typeof name === "string" && name !== "" ? { kind, name } : undefined;
}

const NOTHING: DaemonObjects = { containers: [], images: [], networks: [], volumes: [], services: [], swarmActive: false };

/**
 * Reads only the kind of object asked about: this runs before every named command of a solution.
 * `made` is asked only when the name is taken (it may look at the whole daemon first).
 */
export async function holderOfName(
  client: DockerReader,
  wanted: NameToMake,
  snapshot: Snapshot | undefined,
  made: () => Promise<MadeRecord | undefined>,
): Promise<NameHolder | undefined> {
  const objects =
    wanted.kind === "container"
      ? { ...NOTHING, containers: await client.listContainers({ all: true }) }
      : { ...NOTHING, networks: await client.listNetworks() };
  const taken =
    wanted.kind === "container"
      ? objects.containers.some((c) => c.name === wanted.name)
      : objects.networks.some((n) => n.name === wanted.name);
  return taken ? heldBy(wanted, objects, snapshot, await made()) : undefined;
}

/** Pure: who, in `now`, has the name. */
export function heldBy(
  wanted: NameToMake,
  now: DaemonObjects,
  snapshot: Snapshot | undefined,
  made: MadeRecord | undefined,
): NameHolder | undefined {
  if (wanted.kind === "container") {
    const found = now.containers.find((c) => c.name === wanted.name);
    if (!found) return undefined;
    const own = made?.containers.some((c) => c.id === found.id) === true;
    const before = !snapshot || snapshot.containers.includes(found.id);
    return { ...wanted, id: found.id, created: found.created, state: found.state, attached: [], whose: whoseBy(own, before) };
  }
  const found = now.networks.find((n) => n.name === wanted.name);
  if (!found) return undefined;
  const own = made?.networks.some((n) => n.id === found.id) === true;
  const before = !snapshot || snapshot.networks.includes(found.id);
  return { ...wanted, id: found.id, created: found.created, attached: found.containers.map((c) => c.name), whose: whoseBy(own, before) };
}

const whoseBy = (own: boolean, before: boolean): NameHolder["whose"] => (own ? "lesson" : before ? "before-lesson" : "not-the-lessons");
