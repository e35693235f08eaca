/** The one place that knows every check kind: each kind's evaluator, and running a round of them. */
import type { CheckKind, CheckSpec } from "../lessons/schema.js";
import type { CheckContext, CheckEvaluator, CheckResult } from "./check.js";
import { evaluateContainer } from "./container.js";
import { evaluateExec } from "./exec.js";
import { evaluateHttp } from "./http.js";
import { evaluateImage } from "./image.js";
import { evaluateNetwork } from "./network.js";
import { evaluateRegistry } from "./registry-tag.js";
import { evaluateService } from "./service.js";
import { evaluateStack } from "./stack.js";
import { evaluateSwarm } from "./swarm.js";
import { evaluateVolume } from "./volume.js";

const evaluators: { [K in CheckKind]: CheckEvaluator<K> } = {
  container: evaluateContainer,
  image: evaluateImage,
  network: evaluateNetwork,
  volume: evaluateVolume,
  swarm: evaluateSwarm,
  service: evaluateService,
  stack: evaluateStack,
  http: evaluateHttp,
  exec: evaluateExec,
  registry: evaluateRegistry,
};

/** Never throws: a check that cannot run is a failed check that says why. */
export async function evaluateCheck(spec: CheckSpec, context: CheckContext): Promise<CheckResult> {
  // TypeScript cannot correlate spec.kind with the evaluator's parameter; the mapped type above guarantees it.
  const evaluate = evaluators[spec.kind] as CheckEvaluator<CheckKind>;
  try {
    return await evaluate(spec, context);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      kind: spec.kind,
      pass: false,
      expected: `the ${spec.kind} check can read the daemon's state`,
      actual: `the check could not run: ${reason}`,
    };
  }
}

/** All checks of a step at once; results in the order of the specs. */
export function evaluateChecks(specs: readonly CheckSpec[], context: CheckContext): Promise<CheckResult[]> {
  return Promise.all(specs.map((spec) => evaluateCheck(spec, context)));
}
