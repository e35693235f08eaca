import type { SolutionIO } from "../engine/solution-runner.js";
import type { Snapshot } from "../progress/store.js";

/**
 * What a test run's solutions skip that a learner's keep, ending in the same state: the CLI's
 * 5-second wait that converged tasks stay up (the step's checks wait for the state themselves),
 * and the swarm's 10-second stop grace for the tasks of a service the run made and removed, or
 * that the swarm stops otherwise (a drain, an update): the run's services get a 1-second grace.
 * And one thing a learner does that a test run does too: a failed `docker exec` is typed again (up
 * to three more times, a second apart: Podman's name lookups lose a race about one time in four,
 * 7 of 30 measured, and CI saw two in a row).
 */
export type QuickSolving = Pick<SolutionIO, "convergedWhenRunning" | "killRemovedTasks" | "taskStopGraceSeconds" | "execAgain">;

export function quickSolving(suffix: string, snapshot: Snapshot): QuickSolving {
  return {
    convergedWhenRunning: true,
    taskStopGraceSeconds: 1,
    execAgain: { afterMs: 1000, times: 3 },
    // The run's own: its name carries the run's suffix, and it was not there when the run began.
    killRemovedTasks: (service) => service.name.includes(suffix) && !snapshot.services.includes(service.id),
  };
}
