import { DaemonClock } from "../docker/daemon-clock.js";
import type { TokenizeEnv } from "../docker/interpreter/tokenize.js";
import { holderOfName, nameToMake } from "../engine/held-name.js";
import { afterConflict } from "../engine/held-name-words.js";
import type { LessonRun } from "../engine/lesson-run.js";
import { renameAdvice } from "../engine/name-clashes.js";
import { missingImageTip } from "./missing-image.js";

/**
 * After a command typed at the lesson's prompt failed, below Docker's own error: one sentence with
 * the one fix, when the tutor knows more than Docker said. A name already taken (whose it is, and
 * how to free it), else an image that is not here (the name meant, or how to have it offline).
 */
export async function helpAfterFailure(line: string, run: LessonRun, env: TokenizeEnv): Promise<string | undefined> {
  return (await takenNameHelp(line, run, env)) ?? (await missingImageTip(line, run.client, env, run.lesson));
}

async function takenNameHelp(line: string, run: LessonRun, env: TokenizeEnv): Promise<string | undefined> {
  const wanted = await nameToMake(line, env);
  if (!wanted) return undefined;
  const holder = await holderOfName(run.client, wanted, run.snapshot, () => run.recordMade().then(() => run.made));
  if (!holder) return undefined;
  const [flag] = renameAdvice([`${holder.kind} ${holder.name}`], run.entry.variables);
  const now = await new DaemonClock(run.client).now();
  return afterConflict(holder, { now, ...(flag ? { rename: `docker-tutor lesson ${run.lesson.number} ${flag}` } : {}) });
}
