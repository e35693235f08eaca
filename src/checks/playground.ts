import type { CheckEvaluator } from "./check.js";
import { checkResult, code, counted } from "./wording.js";

/** Proves the lesson's multi-node playground is up: this many nodes running, their daemons answering. */
export const evaluatePlayground: CheckEvaluator<"playground"> = async (spec, { nodes }) => {
  const name = nodes?.name ?? "play";
  const start = `docker-tutor env up --nodes ${spec.nodes}${name === "play" ? "" : ` --name ${name}`}`;
  const expected = `the playground ${code(name)} has ${counted(spec.nodes, "node")} up`;
  const up = nodes ? await nodes.up() : [];
  if (up.length >= spec.nodes) return checkResult("playground", true, expected, `the playground ${code(name)} has ${up.join(", ")} up`);
  return checkResult(
    "playground",
    false,
    expected,
    up.length === 0
      ? `no node of the playground ${code(name)} is up (start them with ${code(start)})`
      : `the playground ${code(name)} has only ${up.join(", ")} up (${code(start)} starts the rest)`,
  );
};
