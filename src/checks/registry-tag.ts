import type { CheckEvaluator } from "./check.js";
import { describeHttpFailure } from "./http.js";
import { checkResult, code } from "./wording.js";

/** Proves a registry holds a tag, by asking its HTTP API (GET /v2/<repository>/tags/list). */
export const evaluateRegistry: CheckEvaluator<"registry"> = async (spec, { httpGet }) => {
  const where = `registry ${code(spec.registry)}`;
  const expected = `${where} has ${code(`${spec.repository}:${spec.tag}`)}`;
  const result = (pass: boolean, actual: string) => checkResult("registry", pass, expected, actual);
  const url = `http://${spec.registry}/v2/${spec.repository}/tags/list`;

  let answer: Awaited<ReturnType<typeof httpGet>>;
  try {
    answer = await httpGet(url);
  } catch (error) {
    return result(false, describeHttpFailure(url, error));
  }
  if (answer.status === 404) return result(false, `${where} has no repository ${code(spec.repository)}`);
  if (answer.status !== 200) return result(false, `${where} answered ${url} with status ${answer.status}`);
  const tags = tagsIn(answer.body);
  if (tags === undefined) return result(false, `${where} answered ${url} with something that is not a tag list`);
  if (tags.includes(spec.tag)) return result(true, expected);
  return result(
    false,
    `${where} has ${code(spec.repository)} without the tag ${code(spec.tag)} (${tags.length === 0 ? "no tags" : `tags: ${tags.map(code).join(", ")}`})`,
  );
};

/** The Registry API's answer: `{"name": "hello", "tags": ["v1"]}`; `tags` is null once all are deleted. */
export function tagsIn(body: string): string[] | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== "object" || parsed === null || !("tags" in parsed)) return undefined;
    const { tags } = parsed;
    if (tags === null) return [];
    return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === "string") : undefined;
  } catch {
    return undefined;
  }
}
