import { commandPlaces } from "./command-places.js";
import type { ShellKind } from "./learner-shell.js";
import { variantNote } from "./shell-variant.js";

/**
 * For the "Type:" block of a step: under each command typed in the learner's own shell, the line
 * their shell needs when it differs (`cmd: docker inspect -f "{{…}}" web`), else undefined.
 * Commands typed in a container's or a node's shell run there as shown. Pure.
 */
export function typeBlockNotes(commands: readonly string[], shell: ShellKind): (string | undefined)[] {
  if (shell === "bash") return commands.map(() => undefined);
  const { places } = commandPlaces(commands);
  return commands.map((command, i) => (places[i] === "host" ? variantNote(command, shell) : undefined));
}
