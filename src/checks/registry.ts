/** The one place that knows every check kind: each kind's evaluator, and running a round of them. */
import { terminalSafe } from "../docker/terminal-safe.js";
import type { CheckKind, CheckSpec } from "../lessons/schema.js";
import { evaluateAction } from "./action.js";
import type { CheckContext, CheckEvaluator, CheckResult } from "./check.js";
import { evaluateContainer } from "./container.js";
import { evaluateExec } from "./exec.js";
import { evaluateHttp } from "./http.js";
import { evaluateImage } from "./image.js";
import { evaluateNetwork } from "./network.js";
import { evaluatePlayground } from "./playground.js";
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
  playground: evaluatePlayground,
  action: evaluateAction,
};

/**
 * Never throws: a check that cannot run is a failed check that says why. What it says quotes
 * containers, pages and the daemon, so it is made terminal-safe here, for every report that shows it.
 */
export async function evaluateCheck(spec: CheckSpec, context: CheckContext): Promise<CheckResult> {
  const result = await evaluateUnsafe(spec, context);
  return { ...result, expected: terminalSafe(result.expected), actual: terminalSafe(result.actual) };
}

async function evaluateUnsafe(spec: CheckSpec, context: CheckContext): Promise<CheckResult> {
  // TypeScript cannot correlate spec.kind with the evaluator's parameter; the mapped type above guarantees it.
  const evaluate = evaluators[spec.kind] as CheckEvaluator<CheckKind>;
  try {
    const node = "node" in spec ? spec.node : undefined;
    if (node === undefined) return await evaluate(spec, context);
    // The same check, asked of a playground node's daemon.
    const reader = await context.nodes?.reader(node);
    if (!reader) return nodeNotUp(spec, node, context.nodes?.name ?? "play");
    const result = await evaluate(spec, { ...context, docker: reader });
    return { ...result, expected: `on ${node}: ${result.expected}`, actual: `on ${node}: ${result.actual}` };
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

function nodeNotUp(spec: CheckSpec, node: string, playground: string): CheckResult {
  return {
    kind: spec.kind,
    pass: false,
    expected: `the ${spec.kind} check can ask ${node}'s daemon`,
    actual: `${node} is not up: start the playground with docker-tutor env up${playground === "play" ? "" : ` --name ${playground}`}`,
  };
}

/** All checks of a step at once; results in the order of the specs. */
export function evaluateChecks(specs: readonly CheckSpec[], context: CheckContext): Promise<CheckResult[]> {
  return Promise.all(specs.map((spec) => evaluateCheck(spec, context)));
}
