import type { ContainerDetails } from "../docker/views.js";
import type { CheckContext, CheckEvaluator } from "./check.js";
import { closestCandidate, type Expectation, judge, meetsAll } from "./closest-candidate.js";
import { describeCandidate, describeMatch, findCandidates, matchExpectations } from "./container-match.js";
import { commandRefusal } from "./pack-limits.js";
import { checkResult, code, joinPhrases, printed } from "./wording.js";

/** Runs a command inside a running container (`docker exec`) and judges its exit code and output. */
export const evaluateExec: CheckEvaluator<"exec"> = async (spec, context) => {
  const command = code(spec.run.join(" "));
  const wantOutput = spec.outputContains === undefined ? "" : ` and prints ${code(spec.outputContains)}`;
  const expected = `in ${describeMatch(spec, context.scope)}, ${command} exits with code ${spec.exitCode}${wantOutput}`;
  const result = (pass: boolean, actual: string) => checkResult("exec", pass, expected, actual);

  const { containers, whyNone } = await findCandidates(spec, context);
  if (containers.length === 0) return result(false, whyNone);
  const expectations = [...matchExpectations(spec, context.scope), madeByLesson(context), isRunning, commandSucceeds(spec, context)];
  const judged = await Promise.all(containers.map((c) => judge(c, expectations)));
  const winner = judged.find(meetsAll);
  if (winner) return result(true, `in ${describeCandidate(spec, winner.candidate)}, ${command} ${joinPhrases(successPhrases(spec))}`);
  const closest = closestCandidate(judged);
  return result(false, closest ? `${describeCandidate(spec, closest.candidate)} ${closest.miss}` : whyNone);
};

/** A lesson pack's command runs only in a container the lesson made (pack-limits.ts); a built-in lesson's anywhere. */
const madeByLesson = ({ scope }: CheckContext): Expectation<ContainerDetails> => ({
  phrase: "was made during this lesson",
  miss: async (c) => commandRefusal(scope, c),
});

const isRunning: Expectation<ContainerDetails> = {
  phrase: "is running",
  miss: async (c) => (c.running ? undefined : `is ${c.status}, so nothing can run in it (start it first)`),
};

const successPhrases = (spec: { exitCode: number; outputContains?: string | undefined }) => [
  `exited with code ${spec.exitCode}`,
  ...(spec.outputContains === undefined ? [] : [`printed ${code(spec.outputContains)}`]),
];

function commandSucceeds(
  spec: { run: string[]; exitCode: number; outputContains?: string | undefined },
  context: CheckContext,
): Expectation<ContainerDetails> {
  const command = code(spec.run.join(" "));
  return {
    phrase: `runs ${command} successfully`,
    onlyIfEarlierMet: true,
    miss: async (c) => {
      const { exitCode, output } = await context.docker.exec(c.id, spec.run);
      if (exitCode !== spec.exitCode)
        return `ran ${command}, which exited with code ${exitCode}, not ${spec.exitCode}, and ${printed(output)}`;
      if (spec.outputContains !== undefined && !output.includes(spec.outputContains)) {
        return `ran ${command}, which ${printed(output)}, not ${code(spec.outputContains)}`;
      }
      return undefined;
    },
  };
}
