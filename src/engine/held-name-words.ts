import { code, joinPhrases } from "../checks/wording.js";
import { humanDuration } from "../docker/interpreter/format/human-units.js";
import type { NameHolder } from "./held-name.js";

/**
 * What the learner is told when a name they (or a step's solution) want is taken: one sentence with
 * the one fix. `now` is on the daemon's clock, as `created` is. `rename` is a concrete way to give
 * the lesson another name (`docker-tutor lesson 4 --var web=web1-2`), when a variable holds it.
 */
export interface HeldNameWords {
  readonly now: Date;
  readonly rename?: string;
}

/** After a typed command failed on Docker's "Conflict. The container name … is already in use". */
export function afterConflict(holder: NameHolder, words: HeldNameWords): string {
  const name = `\`${holder.name}\``;
  if (holder.whose !== "lesson") return notTheLessons(holder, words, "the tutor will not remove it");
  if (holder.kind === "network" && holder.attached.length > 0) {
    return `${name} is the network from your earlier try (${made(holder, words.now)}), with ${joinPhrases(holder.attached.map(code))} on it: it is there already, so go on without creating it again.`;
  }
  return `${name} is the ${holder.kind} from your earlier try (${about(holder, words.now)}): remove it with \`${removal(holder)}\`, then run your command again.`;
}

/**
 * Before a solution's command makes something under a name already taken: remove the lesson's own
 * (saying so), or stop with why. `proceed` leaves the command to Docker: a network of the lesson's
 * that containers still use is not removed from under them.
 */
export function beforeSolution(holder: NameHolder, words: HeldNameWords): { action: "remove" | "stop" | "proceed"; sentence?: string } {
  if (holder.whose !== "lesson") {
    return { action: "stop", sentence: notTheLessons(holder, words, "the solution stops here rather than remove it") };
  }
  if (holder.kind === "network" && holder.attached.length > 0) return { action: "proceed" };
  return {
    action: "remove",
    sentence: `Removing \`${holder.name}\`, the lesson's ${holder.kind} from an earlier try (${about(holder, words.now)}), as \`${removal(holder)}\` would.`,
  };
}

function notTheLessons(holder: NameHolder, words: HeldNameWords, consequence: string): string {
  const why =
    holder.whose === "before-lesson"
      ? `was here before the lesson began`
      : `was made ${ago(holder, words.now)}, and not by this lesson while it ran`;
  const yours = `remove it with \`${removal(holder)}\` if it is yours to lose`;
  const fix = words.rename ? `give the lesson another name (\`${words.rename}\`), or ${yours}` : `use another name, or ${yours}`;
  return `\`${holder.name}\` is a ${holder.kind} that ${why}, so it is not the lesson's and ${consequence}: ${fix}.`;
}

const removal = (holder: NameHolder) => `docker ${holder.kind === "container" ? "rm -f" : "network rm"} ${holder.name}`;

/** "exited, made 3 minutes ago" for a container; a network has no state. */
function about(holder: NameHolder, now: Date): string {
  return holder.state === undefined ? made(holder, now) : `${stateWords(holder.state)}, ${made(holder, now)}`;
}

const made = (holder: NameHolder, now: Date) => `made ${ago(holder, now)}`;
const ago = (holder: NameHolder, now: Date) => `${humanDuration(Math.max(0, now.getTime() - holder.created.getTime())).toLowerCase()} ago`;

/** Docker's states, as a learner reads them: `created` means it was never started. */
const stateWords = (state: string) => (state === "created" ? "created but never started" : state);
