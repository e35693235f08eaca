import type { Path } from "./lesson-problems.js";
import { type PolicyBreach, type PolicyPlace, policyBreach } from "./pack-policy.js";
import type { Lesson } from "./schema.js";
import { actionLists } from "./step-actions.js";

/** Where a loading lesson's commands pretend to run: nothing of the learner's machine is known yet. */
const STAND_IN_WORKSPACE = "/docker-tutor-workspace";
/** Node N's address, from a block kept for documentation (RFC 5737): never a real one. */
const standInNode = (n: number): string => `192.0.2.${n}`;

export interface PlacedBreach {
  readonly path: Path;
  readonly stepId: string;
  readonly breach: PolicyBreach;
}

/**
 * The pack policy, checked on every `run:` of a lesson as it loads: commands are expanded as they
 * will be (an empty environment, the step's captures and the nodes' addresses, here stand-ins), so
 * what only the real values decide is checked again when the command runs.
 */
export function policyBreaches(lesson: Lesson): PlacedBreach[] {
  const nodes = Array.from({ length: lesson.requires.nodes ?? 0 }, (_, i) => i + 1);
  const nodeVars = Object.fromEntries(nodes.map((n) => [`NODE${n}_ADDR`, standInNode(n)]));
  const place: PolicyPlace = {
    workspace: STAND_IN_WORKSPACE,
    realPath: (path) => path,
    isSocket: () => false,
    nodeAddresses: nodes.map(standInNode),
  };
  // A challenge's alternatives and wrong attempts run on the daemon too (`docker-tutor test`).
  return lesson.steps.flatMap((step, i) =>
    actionLists(step, i).flatMap(({ path, actions }) => {
      const captured: Record<string, string> = {};
      return actions.flatMap((action, j) => {
        if (!("run" in action)) return [];
        const onNode = action.node === undefined ? {} : { NODE_ADDR: nodeVars[`${action.node.toUpperCase()}_ADDR`] ?? "" };
        const vars = { ...captured, ...nodeVars, ...onNode };
        if (action.capture) captured[action.capture] = `captured-${action.capture.toLowerCase()}`;
        const breach = policyBreach(action.run, { vars, cwd: STAND_IN_WORKSPACE, wholeExpansions: true }, place);
        return breach ? [{ path: [...path, j, "run"], stepId: step.id, breach }] : [];
      });
    }),
  );
}
