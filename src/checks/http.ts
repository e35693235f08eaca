import type { CheckEvaluator } from "./check.js";
import { OUTSIDE_THE_LESSON } from "./pack-limits.js";
import { checkResult, code, excerpt } from "./wording.js";

/** Proves something answers at a URL (asked from the tutor's side) with a status and a body. */
export const evaluateHttp: CheckEvaluator<"http"> = async (spec, { httpGet }) => {
  const phrases = [
    `status ${spec.status}`,
    spec.bodyContains === undefined ? undefined : `a page containing ${code(spec.bodyContains)}`,
    spec.bodyLacks === undefined ? undefined : `a page without ${code(spec.bodyLacks)}`,
  ].filter((p) => p !== undefined);
  const expected = `${spec.url} answers with ${phrases.join(" and ")}`;
  const result = (pass: boolean, actual: string) => checkResult("http", pass, expected, actual);

  let answer: Awaited<ReturnType<typeof httpGet>>;
  try {
    answer = await httpGet(spec.url);
  } catch (error) {
    return result(false, describeHttpFailure(spec.url, error));
  }
  if (answer.status !== spec.status) return result(false, `${spec.url} answers with status ${answer.status}, not ${spec.status}`);
  if (spec.bodyContains !== undefined && !answer.body.includes(spec.bodyContains)) {
    const page = answer.body.trim() === "" ? "an empty page" : `a page starting ${code(excerpt(answer.body))}`;
    return result(false, `${spec.url} answers with ${page}, without ${code(spec.bodyContains)}`);
  }
  if (spec.bodyLacks !== undefined && answer.body.includes(spec.bodyLacks)) {
    return result(false, `${spec.url} answers with a page that still contains ${code(spec.bodyLacks)}`);
  }
  return result(true, `${spec.url} answers with ${phrases.join(" and ")}`);
};

/** Node's network errors, in words a learner can act on. */
export function describeHttpFailure(url: string, error: unknown): string {
  const errorCode = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  switch (errorCode) {
    case "ECONNREFUSED":
    case "ECONNRESET":
    case "EHOSTUNREACH":
      return `nothing answers at ${url}`;
    case "ETIMEDOUT":
      return `${url} did not answer within 3 s`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `the host in ${url} is unknown`;
    case "ENOPROBE":
    case "EPROBE":
    case OUTSIDE_THE_LESSON:
      // The daemon's side could not be asked (src/checks/daemon-side-get.ts), or a pack may not ask there (pack-limits.ts): its own sentence says why.
      return error instanceof Error ? error.message : String(error);
    default:
      return `asking ${url} failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}
