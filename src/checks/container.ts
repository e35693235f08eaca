import type { CheckEvaluator } from "./check.js";
import { closestCandidate, judge, meetsAll } from "./closest-candidate.js";
import { stateExpectations } from "./container-expectations.js";
import { describeCandidate, describeMatch, findCandidates, matchExpectations } from "./container-match.js";
import { checkResult, joinPhrases, shortId } from "./wording.js";

/** Proves that containers exist and look as the step asked (state, ports, mounts, output, …). */
export const evaluateContainer: CheckEvaluator<"container"> = async (spec, context) => {
  const atLeast = spec.atLeast ?? 1;
  const expectations = [...matchExpectations(spec, context.scope), ...stateExpectations(spec, context.docker)];
  const phrases = joinPhrases(expectations.map((e) => e.phrase));
  const expected = sentence(describeMatch(spec, context.scope, atLeast), phrases, spec.name !== undefined);
  const result = (pass: boolean, actual: string) => checkResult("container", pass, expected, actual);

  const { containers, whyNone } = await findCandidates(spec, context);
  const judged = await Promise.all(containers.map((c) => judge(c, expectations)));
  const meeting = judged.filter(meetsAll).map((j) => j.candidate);
  const newest = meeting[0];
  if (meeting.length >= atLeast) {
    if (!newest) return result(true, whyNone);
    if (meeting.length > 1) return result(true, `${meeting.length} containers match (the newest is ${shortId(newest.id)})`);
    return result(true, `${describeCandidate(spec, newest)} ${phrases === "" ? "exists" : phrases}`);
  }
  if (meeting.length > 0) return result(false, `only ${meeting.length} of ${atLeast} such containers exist`);
  const closest = closestCandidate(judged);
  return result(false, closest ? `${describeCandidate(spec, closest.candidate)} ${closest.miss}` : whyNone);
};

/** "container `web` is running", "a container from `alpine` … that ran `echo hi`". */
function sentence(subject: string, phrases: string, named: boolean): string {
  if (phrases === "") return named ? `${subject} exists` : subject;
  return named ? `${subject} ${phrases}` : `${subject} that ${phrases}`;
}
