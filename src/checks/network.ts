import type { NetworkDetails } from "../docker/views.js";
import type { CheckOf } from "../lessons/schema.js";
import type { CheckContext, CheckEvaluator } from "./check.js";
import { type Expectation, judge } from "./closest-candidate.js";
import { commandRefusal } from "./pack-limits.js";
import { checkResult, code, joinPhrases, printed } from "./wording.js";

type E = Expectation<NetworkDetails>;

/** Proves a network exists, with its driver and scope, who is on it, and that names resolve on it. */
export const evaluateNetwork: CheckEvaluator<"network"> = async (spec, context) => {
  const subject = `network ${code(spec.name)}`;
  const expectations = networkExpectations(spec, context);
  const phrases = joinPhrases(expectations.map((e) => e.phrase));
  const expected = phrases === "" ? `${subject} exists` : `${subject} exists and ${phrases}`;
  const result = (pass: boolean, actual: string) => checkResult("network", pass, expected, actual);

  const network = await context.docker.inspectNetwork(spec.name);
  // The daemon also answers for an id prefix; only the exact name counts.
  const found = network !== undefined && network.name === spec.name;
  if (!spec.exists) {
    return checkResult(
      "network",
      !found,
      `there is no network named ${code(spec.name)}`,
      found
        ? `network ${code(spec.name)} still exists${network.containers.length > 0 ? ` (attached: ${network.containers.map((c) => code(c.name)).join(", ")})` : ""}`
        : `there is no network named ${code(spec.name)}`,
    );
  }
  if (!network || !found) return result(false, `there is no network named ${code(spec.name)}`);
  const miss = (await judge(network, expectations)).misses.find((m) => m !== undefined);
  return miss === undefined ? result(true, phrases === "" ? `${subject} exists` : `${subject} ${phrases}`) : result(false, miss);
};

function networkExpectations(spec: CheckOf<"network">, context: CheckContext): E[] {
  const subject = `network ${code(spec.name)}`;
  const list: (E | undefined)[] = [
    spec.driver === undefined ? undefined : property("uses the driver", spec.driver, (n) => n.driver, subject),
    spec.scope === undefined ? undefined : property("has scope", spec.scope, (n) => n.scope, subject),
    spec.attachable === undefined ? undefined : attachable(spec.attachable, subject),
    ...(spec.containers ?? []).map((name) => attached(name, true)),
    ...(spec.notContainers ?? []).map((name) => attached(name, false)),
    spec.resolves === undefined ? undefined : resolves(spec.resolves.from, spec.resolves.to, context),
    spec.reaches === undefined ? undefined : reaches(spec.reaches.from, spec.reaches.to, context),
  ];
  return list.filter((e) => e !== undefined);
}

const property = (words: string, wanted: string, read: (n: NetworkDetails) => string, subject: string): E => ({
  phrase: `${words} ${code(wanted)}`,
  miss: async (n) => (read(n) === wanted ? undefined : `${subject} ${words} ${code(read(n))}, not ${code(wanted)}`),
});

const attachable = (wanted: boolean, subject: string): E => ({
  phrase: wanted ? "is attachable" : "is not attachable",
  miss: async (n) => (n.attachable === wanted ? undefined : `${subject} is ${n.attachable ? "" : "not "}attachable (--attachable)`),
});

function attached(container: string, wanted: boolean): E {
  return {
    phrase: `${wanted ? "has" : "does not have"} container ${code(container)} attached`,
    miss: async (n) => {
      const on = n.containers.some((c) => c.name === container);
      if (on === wanted) return undefined;
      if (!wanted) return `container ${code(container)} is still attached to network ${code(n.name)}`;
      const others = n.containers.length === 0 ? "nothing is attached" : `attached: ${n.containers.map((c) => code(c.name)).join(", ")}`;
      return `container ${code(container)} is not attached to network ${code(n.name)} (${others})`;
    },
  };
}

/** busybox `nslookup` prints the server first, then `Name:` and `Address:` lines for an answer. */
export const nslookupFoundAddress = (exitCode: number, output: string): boolean =>
  exitCode === 0 && /Name:\s*\S+\s*\n\s*Address(?:\s+\d+)?:?\s*\S+/.test(output);

/** By address, not by name: on the default bridge that is the only way, which is what the check teaches. */
function reaches(from: string, to: string, { docker, scope }: CheckContext): E {
  return {
    phrase: `lets container ${code(from)} reach container ${code(to)} by its address`,
    miss: async (n) => {
      const target = n.containers.find((c) => c.name === to);
      if (!target || target.ipv4 === "") return `container ${code(to)} has no address on network ${code(n.name)}`;
      const container = await docker.inspectContainer(from);
      if (!container) return `there is no container named ${code(from)} to ping ${code(to)} from`;
      const refusal = commandRefusal(scope, container);
      if (refusal) return `container ${code(from)} ${refusal}`;
      if (!container.running) return `container ${code(from)} is ${container.status}, so it cannot ping ${code(to)}`;
      const { exitCode, output } = await docker.exec(container.id, ["ping", "-c", "1", "-W", "2", target.ipv4]);
      return exitCode === 0
        ? undefined
        : `from container ${code(from)}, ${code(to)}'s address ${code(target.ipv4)} does not answer (ping ${printed(output)})`;
    },
  };
}

function resolves(from: string, to: string, { docker, scope }: CheckContext): E {
  return {
    phrase: `lets container ${code(from)} resolve the name ${code(to)}`,
    miss: async () => {
      const container = await docker.inspectContainer(from);
      if (!container) return `there is no container named ${code(from)} to look up ${code(to)} from`;
      const refusal = commandRefusal(scope, container);
      if (refusal) return `container ${code(from)} ${refusal}`;
      if (!container.running) return `container ${code(from)} is ${container.status}, so it cannot look up ${code(to)}`;
      const { exitCode, output } = await docker.exec(container.id, ["nslookup", to]);
      return nslookupFoundAddress(exitCode, output)
        ? undefined
        : `from container ${code(from)}, the name ${code(to)} does not resolve (nslookup ${printed(output)})`;
    },
  };
}
