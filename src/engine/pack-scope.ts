import type { PackLimits } from "../checks/pack-limits.js";
import type { CatalogEntry } from "../lessons/catalog.js";
import type { Snapshot } from "../progress/store.js";

/** The label swarm puts on a task's container: a task of a service the lesson made is the lesson's too. */
const SERVICE_ID_LABEL = "com.docker.swarm.service.id";

/**
 * What a lesson pack's checks may touch in this run (issue 17): what appeared after the snapshot the
 * run keeps of the lesson's start, in a test run only what carries the run's label (or is a task of
 * a service that appeared). Without a snapshot (`check` of a lesson never started here) nothing was
 * seen appear, so nothing may be touched. The built-in lessons get no limits.
 */
export function packLimitsFor(
  entry: CatalogEntry,
  snapshot: Snapshot | undefined,
  runLabel: { readonly key: string; readonly value: string } | undefined,
): PackLimits | undefined {
  if (entry.source === "built-in") return undefined;
  const containersBefore = new Set(snapshot?.containers ?? []);
  const servicesBefore = new Set(snapshot?.services ?? []);
  const serviceMade = (service: { readonly id: string }) => snapshot !== undefined && !servicesBefore.has(service.id);
  return {
    serviceMade,
    containerMade: (container) => {
      if (snapshot === undefined || containersBefore.has(container.id)) return false;
      const task = container.labels[SERVICE_ID_LABEL];
      if (task !== undefined) return serviceMade({ id: task });
      return runLabel === undefined || container.labels[runLabel.key] === runLabel.value;
    },
  };
}
