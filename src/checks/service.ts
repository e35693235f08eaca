import { sameImageRef, withoutDigest } from "../docker/image-ref.js";
import type { DockerReader } from "../docker/reader.js";
import type { ServiceDetails } from "../docker/views.js";
import type { CheckOf } from "../lessons/schema.js";
import type { CheckEvaluator } from "./check.js";
import { type Expectation, judge } from "./closest-candidate.js";
import { checkResult, code, counted, joinPhrases } from "./wording.js";

type E = Expectation<ServiceDetails>;

/** Proves a swarm service exists (or is gone) and runs as the step asked: image, replicas, mode, networks, ports. */
export const evaluateService: CheckEvaluator<"service"> = async (spec, { docker }) => {
  const subject = `service ${code(spec.name)}`;
  const expectations = serviceExpectations(spec, docker);
  const phrases = joinPhrases(expectations.map((e) => e.phrase));
  const expected = !spec.exists ? `there is no ${subject}` : phrases === "" ? `${subject} exists` : `${subject} exists and ${phrases}`;
  const result = (pass: boolean, actual: string) => checkResult("service", pass, expected, actual);

  const { swarm } = await docker.info();
  const service = await docker.inspectService(spec.name);
  // inspect also matches an id prefix; only the exact name counts.
  const found = service?.name === spec.name ? service : undefined;
  if (!found) {
    const why = swarm.state !== "active" ? `this daemon is not in a swarm, so there is no ${subject}` : `there is no ${subject}`;
    return result(!spec.exists, why);
  }
  if (!spec.exists) return result(false, `${subject} still exists`);
  const miss = (await judge(found, expectations)).misses.find((m) => m !== undefined);
  return miss === undefined
    ? result(true, phrases === "" ? `${subject} exists` : `${subject} ${phrases}`)
    : result(false, `${subject} ${miss}`);
};

function serviceExpectations(spec: CheckOf<"service">, docker: DockerReader): E[] {
  const { image, mode, replicasRunning } = spec;
  const list: (E | undefined)[] = [
    image === undefined
      ? undefined
      : {
          phrase: `runs ${code(image)}`,
          miss: async (s) => (sameImageRef(s.image, image) ? undefined : `runs ${code(withoutDigest(s.image))}, not ${code(image)}`),
        },
    mode === undefined
      ? undefined
      : { phrase: `is ${mode}`, miss: async (s) => (s.mode === mode ? undefined : `is ${s.mode}, not ${mode}`) },
    replicasRunning === undefined ? undefined : running(docker, replicasRunning),
    ...(spec.networks ?? []).map(
      (network): E => ({
        phrase: `is on network ${code(network)}`,
        miss: async (s) =>
          s.networks.includes(network)
            ? undefined
            : `is not on network ${code(network)} (it is on ${s.networks.length === 0 ? "none" : s.networks.map(code).join(", ")})`,
      }),
    ),
    ...(spec.ports ?? []).map(publishes),
    spec.onNodes === undefined ? undefined : placedOn(docker, spec.onNodes),
  ];
  return list.filter((e) => e !== undefined);
}

function running(docker: DockerReader, wanted: number): E {
  return {
    phrase: `has ${counted(wanted, "task")} running`,
    miss: async (s) => {
      const tasks = await docker.listTasks({ service: s.id });
      const runningCount = tasks.filter((t) => t.state === "running").length;
      if (runningCount === wanted) return undefined;
      // Tasks meant to run but not running yet say why the count is short: pending, preparing, …
      const waiting = tasks.filter((t) => t.desiredState === "running" && t.state !== "running").map((t) => t.state);
      const others =
        waiting.length === 0
          ? ""
          : ` (${[...new Set(waiting)].map((state) => `${waiting.filter((w) => w === state).length} ${state}`).join(", ")})`;
      return `has ${counted(runningCount, "task")} running, not ${wanted}${others}`;
    },
  };
}

/** Its running tasks are on exactly these nodes, each at least once: the swarm spread them (or moved them). */
function placedOn(docker: DockerReader, wanted: readonly string[]): E {
  const want = [...new Set(wanted)].sort();
  return {
    phrase: `has running tasks on ${want.join(" and ")}${want.length === 1 ? " only" : ""}`,
    miss: async (s) => {
      const [tasks, nodes] = await Promise.all([docker.listTasks({ service: s.id }), docker.listNodes()]);
      const hostname = (id: string) => nodes.find((n) => n.id === id)?.hostname ?? id.slice(0, 12);
      const on = [...new Set(tasks.filter((t) => t.state === "running").map((t) => hostname(t.nodeId)))].sort();
      if (on.join(",") === want.join(",")) return undefined;
      return on.length === 0 ? "has no running task on any node" : `has running tasks on ${on.join(" and ")}, not on ${want.join(" and ")}`;
    },
  };
}

function publishes(port: { target: number; published: number; mode?: "ingress" | "host" | undefined }): E {
  const how = port.mode === undefined ? "" : ` in ${port.mode} mode`;
  return {
    phrase: `publishes ${port.target} on port ${port.published}${how}`,
    miss: async (s) => {
      const same = s.ports.find((p) => p.target === port.target && p.published === port.published);
      if (same && (port.mode === undefined || same.mode === port.mode)) return undefined;
      if (same) return `publishes ${port.target} on port ${port.published} in ${same.mode} mode, not ${port.mode}`;
      if (s.ports.length === 0) return "publishes no ports";
      return `does not publish ${port.target} on port ${port.published} (it publishes ${s.ports.map((p) => `${p.target} on ${p.published}`).join(", ")})`;
    },
  };
}
