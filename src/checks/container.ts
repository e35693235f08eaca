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
  const subject = describeMatch(spec, atLeast);
  const expected =
    phrases === ""
      ? spec.name === undefined
        ? subject
        : `${subject} exists`
      : `${subject}${spec.name === undefined ? " that" : ""} ${phrases}`;
  const result = (pass: boolean, actual: string) => checkResult("container", pass, expected, actual);

  const { containers, whyNone } = await findCandidates(spec, context);
  if (containers.length === 0) return result(atLeast === 0, whyNone);
  const judged = await Promise.all(containers.map((c) => judge(c, expectations)));
  const meeting = judged.filter(meetsAll).map((j) => j.candidate);
  const first = meeting[0];
  if (first && meeting.length >= atLeast) {
    if (meeting.length > 1) return result(true, `${meeting.length} containers match (the newest is ${shortId(first.id)})`);
    return result(true, `${describeCandidate(spec, first)} ${phrases === "" ? "exists" : phrases}`);
  }
  if (meeting.length > 0) return result(false, `only ${meeting.length} of ${atLeast} such containers exist`);
  const closest = closestCandidate(judged);
  return result(false, closest ? `${describeCandidate(spec, closest.candidate)} ${closest.miss}` : whyNone);
};
