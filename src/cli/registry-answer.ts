import type { DockerClient } from "../docker/client.js";
import { withinTime } from "../within-time.js";

/** A registry that does not answer must not hold the learner for the daemon's whole timeout. */
const REGISTRY_ANSWER_MS = 5000;

/** What an image's registry says now: it can be pulled, it refuses (in the daemon's words), or nothing in time (undefined). */
export type RegistryAnswer = { readonly pullable: true } | { readonly pullable: false; readonly why: string } | undefined;

/** Asks again after a failed pull: the pull's own words went to the terminal, among its progress. */
export function askRegistry(client: DockerClient, image: string): Promise<RegistryAnswer> {
  return withinTime(
    client.whyNotPullable(image).then((why) => (why === undefined ? { pullable: true as const } : { pullable: false as const, why })),
    REGISTRY_ANSWER_MS,
  );
}
