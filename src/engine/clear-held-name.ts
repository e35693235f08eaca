import type { DockerClient } from "../docker/client.js";
import type { TokenizeEnv } from "../docker/interpreter/tokenize.js";
import type { MadeRecord, Snapshot } from "../progress/store.js";
import { holderOfName, nameToMake } from "./held-name.js";
import { beforeSolution } from "./held-name-words.js";
import { renameAdvice } from "./name-clashes.js";

/** Whether a solution's command may run, and the one line said about the name it makes. */
export type NameClearing = { readonly go: true; readonly said?: string } | { readonly go: false; readonly said: string };

export interface ClearingScope {
  readonly client: DockerClient;
  /** What was on the daemon before the lesson: nothing in it is ever removed. */
  readonly snapshot: Snapshot | undefined;
  /** What the lesson was seen making, looked at afresh: only that is ever removed. */
  readonly made: () => Promise<MadeRecord | undefined>;
  readonly variables: Readonly<Record<string, string>>;
  /** The daemon's clock, which `Created` is on. */
  readonly now: () => Promise<Date>;
}

/**
 * Before a solution's command that makes a named container or network (`r`, solve, test): when the
 * lesson's own earlier try holds the name, removes that, as the learner would with `docker rm -f`;
 * when something not the lesson's holds it, the command does not run (rather than run into
 * Docker's conflict) and the sentence says why and what to do.
 */
export async function clearHeldName(line: string, env: TokenizeEnv, scope: ClearingScope): Promise<NameClearing> {
  // With nothing recorded of what was there before, nothing can be told to be the lesson's: Docker speaks.
  if (!scope.snapshot) return { go: true };
  const wanted = await nameToMake(line, env);
  if (!wanted) return { go: true };
  const holder = await holderOfName(scope.client, wanted, scope.snapshot, scope.made);
  if (!holder) return { go: true };
  const [rename] = renameAdvice([`${holder.kind} ${holder.name}`], scope.variables);
  const { action, sentence } = beforeSolution(holder, { now: await scope.now(), ...(rename ? { rename } : {}) });
  if (action === "proceed" || sentence === undefined) return { go: true };
  if (action === "stop") return { go: false, said: sentence };
  try {
    await (holder.kind === "container" ? scope.client.removeContainer(holder.id) : scope.client.removeNetwork(holder.id));
    return { go: true, said: sentence };
  } catch (error) {
    return { go: false, said: `${sentence} It could not be removed: ${error instanceof Error ? error.message : String(error)}` };
  }
}
