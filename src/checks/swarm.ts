import type { CheckEvaluator } from "./check.js";
import { checkResult, counted } from "./wording.js";

/** Proves the daemon's swarm mode: active or not, this node's role, and how many managers and nodes. */
export const evaluateSwarm: CheckEvaluator<"swarm"> = async (spec, { docker }) => {
  const wanted = [
    spec.active ? "this daemon is in an active swarm" : "this daemon is not in a swarm",
    spec.role === undefined ? undefined : `as a ${spec.role}`,
    spec.managers === undefined ? undefined : `with ${counted(spec.managers, "manager")}`,
    spec.nodes === undefined ? undefined : `with ${counted(spec.nodes, "node")}`,
    spec.availability === undefined
      ? undefined
      : `where ${Object.entries(spec.availability)
          .map(([node, availability]) => `${node} is ${availability}`)
          .join(" and ")}`,
  ].filter((p) => p !== undefined);
  const expected = wanted.join(" ");
  const result = (pass: boolean, actual: string) => checkResult("swarm", pass, expected, actual);

  const { swarm } = await docker.info();
  const active = swarm.state === "active";
  if (!spec.active)
    return result(swarm.state === "inactive", active ? "this daemon is in an active swarm" : `this daemon's swarm state is ${swarm.state}`);
  if (!active)
    return result(
      false,
      swarm.state === "inactive"
        ? "this daemon is not in a swarm (run `docker swarm init`)"
        : `this daemon's swarm state is ${swarm.state}, not active`,
    );
  const role = swarm.isManager ? "manager" : "worker";
  if (spec.role !== undefined && spec.role !== role) return result(false, `this daemon is in a swarm as a ${role}, not a ${spec.role}`);
  // Only a manager knows how many managers and nodes there are.
  if ((spec.managers !== undefined || spec.nodes !== undefined || spec.availability !== undefined) && !swarm.isManager) {
    return result(false, "this daemon is a worker, so it cannot tell how many managers and nodes the swarm has");
  }
  if (spec.managers !== undefined && swarm.managers !== spec.managers)
    return result(false, `the swarm has ${counted(swarm.managers, "manager")}, not ${spec.managers}`);
  if (spec.nodes !== undefined && swarm.nodes !== spec.nodes)
    return result(false, `the swarm has ${counted(swarm.nodes, "node")}, not ${spec.nodes}`);
  if (spec.availability !== undefined) {
    const nodes = await docker.listNodes();
    for (const [hostname, wanted] of Object.entries(spec.availability)) {
      const node = nodes.find((n) => n.hostname === hostname);
      if (!node) return result(false, `the swarm has no node ${hostname} (its nodes: ${nodes.map((n) => n.hostname).join(", ")})`);
      if (node.availability !== wanted) return result(false, `${hostname} is ${node.availability}, not ${wanted}`);
    }
  }
  return result(
    true,
    [
      `this daemon is in an active swarm as a ${role}`,
      `with ${counted(swarm.managers, "manager")} and ${counted(swarm.nodes, "node")}`,
    ].join(" "),
  );
};
