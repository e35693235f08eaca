import type { CheckEvaluator } from "./check.js";
import { checkResult, code } from "./wording.js";

/** `docker stack deploy` labels every service it makes with the stack's name. */
const STACK_LABEL = "com.docker.stack.namespace";

/** Proves a stack is deployed (or removed) and has the named services (without the `<stack>_` prefix). */
export const evaluateStack: CheckEvaluator<"stack"> = async (spec, { docker }) => {
  const subject = `stack ${code(spec.name)}`;
  const wanted = spec.services ?? [];
  const expected = !spec.exists
    ? `there is no ${subject}`
    : wanted.length === 0
      ? `${subject} is deployed`
      : `${subject} is deployed with the services ${wanted.map(code).join(", ")}`;
  const result = (pass: boolean, actual: string) => checkResult("stack", pass, expected, actual);

  const services = (await docker.listServicesDetailed()).filter((s) => s.labels[STACK_LABEL] === spec.name);
  const prefix = `${spec.name}_`;
  const names = services.map((s) => (s.name.startsWith(prefix) ? s.name.slice(prefix.length) : s.name));
  if (services.length === 0) {
    const { swarm } = await docker.info();
    return result(
      !spec.exists,
      swarm.state === "active" ? `there is no ${subject}` : `this daemon is not in a swarm, so there is no ${subject}`,
    );
  }
  if (!spec.exists) return result(false, `${subject} is still deployed (services ${names.map(code).join(", ")})`);
  const missing = wanted.filter((name) => !names.includes(name));
  if (missing.length > 0) {
    return result(false, `${subject} has no service ${missing.map(code).join(" or ")} (it has ${names.map(code).join(", ")})`);
  }
  return result(true, `${subject} is deployed with the services ${names.map(code).join(", ")}`);
};
