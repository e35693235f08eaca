import { opensContainerShell } from "../shells/command-places.js";

/**
 * Where each line of a step's "Type:" block goes. The tutor's prompt runs docker commands; other
 * commands (curl, cd, docker-tutor …) go to the learner's own shell; the lines after `docker
 * container run -it …` up to `exit` (or lines written `/ # …`) go inside the container's shell;
 * `node1 $ …` lines go to that node's shell. Pure.
 */
export type Place = { readonly kind: "prompt" | "own-shell" | "container" } | { readonly kind: "node"; readonly node: string };

export interface PlacedLines {
  readonly place: Place;
  /** The lines as shown: `$ docker …` for shells, as written for a container or a node. */
  readonly lines: readonly string[];
}

const NODE_LINE = /^([\w.-]+) \$ /;
/** A prompt written in front of the command, as a container's shell shows it: `/ # `, `/app # `. */
const CONTAINER_LINE = /^\S* # /;
export const isDockerCommand = (line: string) => /^docker(\s|$)/.test(line);

/** Consecutive lines for the same place, in order. */
export function placeCommands(commands: readonly string[]): PlacedLines[] {
  const groups: { place: Place; lines: string[] }[] = [];
  let inContainer = false;
  for (const command of commands) {
    const { place, shown } = placeOf(command.trim(), inContainer);
    if (place.kind === "container") inContainer = !/^(\S* # )?exit$/.test(command.trim());
    else if (place.kind === "prompt" || place.kind === "own-shell") inContainer = opensContainerShell(command.trim());
    const last = groups.at(-1);
    if (last && samePlace(last.place, place)) last.lines.push(shown);
    else groups.push({ place, lines: [shown] });
  }
  return groups;
}

function placeOf(line: string, inContainer: boolean): { place: Place; shown: string } {
  const node = NODE_LINE.exec(line);
  if (node) return { place: { kind: "node", node: node[1] as string }, shown: line };
  if (CONTAINER_LINE.test(line)) return { place: { kind: "container" }, shown: line };
  if (isDockerCommand(line)) return { place: { kind: "prompt" }, shown: `$ ${line}` };
  if (inContainer) return { place: { kind: "container" }, shown: line };
  return { place: { kind: "own-shell" }, shown: `$ ${line}` };
}

const samePlace = (a: Place, b: Place) => a.kind === b.kind && (a.kind !== "node" || (b.kind === "node" && a.node === b.node));

/** The heading over a group, short enough for 80 columns. */
export function placeHeading(place: Place): string {
  switch (place.kind) {
    case "prompt":
      return "Type here or in your own shell:";
    case "own-shell":
      return "In your own shell (another terminal):";
    case "container":
      return "Inside the container's shell:";
    case "node":
      return `In ${place.node}'s shell:`;
  }
}
