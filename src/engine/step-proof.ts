import type { CheckResult } from "../checks/check.js";
import type { DockerReader } from "../docker/reader.js";
import type { CheckSpec, Step } from "../lessons/schema.js";
import type { PassSeenBy, ProofResource, StepPass } from "../progress/store.js";

/**
 * What proves a step passed (issue 18): the checks' words and the resources they looked at, kept
 * when the tutor sees every check of the step pass.
 */

/**
 * The resources a check looks at, as `kind:name` (`container:web`, `http:http://localhost:8080/`),
 * prefixed by the node it asks (`node1/service:web`). A container matched by image names none.
 */
export function checkReferences(spec: CheckSpec): string[] {
  const on = "node" in spec && spec.node !== undefined ? `${spec.node}/` : "";
  const refs = (() => {
    switch (spec.kind) {
      case "container":
      case "exec":
      case "action":
        return spec.name === undefined ? [] : [`container:${spec.name}`];
      case "image":
        return [`image:${spec.ref}`];
      case "network":
        return [`network:${spec.name}`];
      case "volume":
        return [`volume:${spec.name}`];
      case "service":
        return [`service:${spec.name}`];
      case "stack":
        return [`stack:${spec.name}`];
      case "http":
        return [`http:${spec.url}`];
      case "registry":
        return [`registry:${spec.registry}/${spec.repository}:${spec.tag}`];
      case "swarm":
        return ["swarm"];
      case "playground":
        return ["playground"];
    }
  })();
  return refs.map((ref) => `${on}${ref}`);
}

/** Every resource the step's checks look at, each once. */
export function stepReferences(step: Step): string[] {
  return [...new Set(step.checks.flatMap(checkReferences))];
}

/**
 * The id the daemon gives a resource now, read through the round that evaluated the step (so mostly
 * already asked). A node's resources (`node1/service:web`) are another daemon's: no id is kept.
 */
async function idOf(ref: string, docker: DockerReader): Promise<string | undefined> {
  const at = ref.indexOf(":");
  const [kind, name] = [ref.slice(0, at), ref.slice(at + 1)];
  switch (kind) {
    case "container":
      return (await docker.inspectContainer(name))?.id;
    case "image":
      return (await docker.inspectImage(name))?.id;
    case "network":
      return (await docker.inspectNetwork(name))?.id;
    case "service":
      return (await docker.inspectService(name))?.id;
    default:
      // volumes have only their name; pages, registries and the swarm have no id to keep
      return undefined;
  }
}

/** A pass as progress keeps it: when, by which run, the checks' words, and the ids of what they looked at. */
export async function stepPass(
  step: Step,
  results: readonly CheckResult[],
  docker: DockerReader,
  at: Date,
  by: PassSeenBy,
): Promise<StepPass> {
  const resources = await Promise.all(
    stepReferences(step).map(async (ref): Promise<ProofResource> => {
      const id = await idOf(ref, docker).catch(() => undefined);
      return id === undefined ? { ref } : { ref, id };
    }),
  );
  return {
    at: at.toISOString(),
    by,
    checks: results.map(({ kind, expected, actual }) => ({ kind, expected, actual })),
    resources,
  };
}
