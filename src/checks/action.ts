import { PURPOSE_LABEL } from "../docker/labels.js";
import type { ContainerDetails } from "../docker/views.js";
import type { CheckOf } from "../lessons/schema.js";
import type { CheckContext, CheckEvaluator } from "./check.js";
import { commandOf, describeCandidate, describeMatch, findCandidates } from "./container-match.js";
import { type ExecAction, type LearnerAction, learnerActions, programOf } from "./learner-actions.js";
import { checkResult, code } from "./wording.js";

type ActionSpec = CheckOf<"action">;

/** How each action is typed, for the sentences. */
const VERBS: Record<ActionSpec["action"], { readonly doing: string; readonly command: string }> = {
  exec: { doing: "run", command: "docker container exec" },
  start: { doing: "start", command: "docker container start" },
  stop: { doing: "stop", command: "docker container stop" },
  restart: { doing: "restart", command: "docker container restart" },
  connect: { doing: "plug", command: "docker network connect" },
  disconnect: { doing: "unplug", command: "docker network disconnect" },
};

/**
 * Proves the learner did something during the step (ran a command in a container, started it,
 * plugged it out of a network), from the daemon's events since the step began: state alone cannot
 * tell a step done now from one done earlier, or by the tutor's own probes.
 */
export const evaluateAction: CheckEvaluator<"action"> = async (spec, context) => {
  const during = context.scope.stepStartedAt === undefined ? "since the lesson began" : "during this step";
  const since = context.scope.stepStartedAt === undefined ? "since the lesson began" : "since this step began";
  const target = describeTarget(spec, context);
  const expected = `you ${expectedDoing(spec, target)} with \`${VERBS[spec.action].command}\` ${during}${spec.exitCode === undefined ? "" : `, and it exits with code ${spec.exitCode}`}`;
  const result = (pass: boolean, actual: string) => checkResult("action", pass, expected, actual);

  if (!context.stepEvents) return result(false, "the tutor follows no step here, so it cannot tell what was done during one");
  const [{ containers, whyNone }, events] = await Promise.all([targets(spec, context), context.stepEvents()]);
  if (containers.length === 0) return result(false, whyNone);
  const ids = new Set(containers.map((c) => c.id));
  const ofTarget = learnerActions(events).filter((a) => a.kind === spec.action && ids.has(a.containerId));
  const named = (id: string) => {
    const container = containers.find((c) => c.id === id);
    return container ? describeCandidate(spec, container) : "the container";
  };
  if (spec.action !== "exec") {
    const done = ofTarget.filter(
      (a) =>
        (a.kind !== "connect" && a.kind !== "disconnect") ||
        onNetwork(
          a,
          spec.network,
          containers.find((c) => c.id === a.containerId),
        ),
    );
    const last = done.at(-1);
    if (last) return result(true, `you ${pastTense(spec.action)} ${named(last.containerId)}${networkWords(spec)} ${since}`);
    return result(false, `nobody ${pastTense(spec.action)} ${target}${networkWords(spec)} ${since}`);
  }
  const execs = ofTarget.filter((a): a is ExecAction => a.kind === "exec");
  const misses = await Promise.all(execs.map((exec) => execMiss(spec, exec, context)));
  const winner = execs.findLast((_, index) => misses[index] === undefined);
  if (winner) {
    const ended = winner.exitCode === undefined ? "" : `; it exited with code ${winner.exitCode}`;
    return result(true, `you ran ${code(winner.command)} in ${named(winner.containerId)} ${since}${ended}`);
  }
  const lastIndex = execs.length - 1;
  const last = execs[lastIndex];
  if (!last) return result(false, `no exec in ${target} ${since} (the tutor's own checks do not count)`);
  return result(false, `the last exec in ${named(last.containerId)} ${since}, ${code(last.command)}, ${misses[lastIndex]}`);
};

/** The ids of the containers an action check looks at (what progress keeps as a step's evidence is about them only). */
export async function actionTargetIds(spec: ActionSpec, context: CheckContext): Promise<string[]> {
  return (await targets(spec, context)).containers.map((c) => c.id);
}

/** The containers the action may have been done to: by name (whenever it was made), or by image and command. */
async function targets(spec: ActionSpec, context: CheckContext): Promise<{ containers: ContainerDetails[]; whyNone: string }> {
  const { containers, whyNone } = await findCandidates(spec, context);
  const wanted = spec.command?.trim().split(/\s+/).join(" ");
  const mine = containers.filter((c) => !c.labels[PURPOSE_LABEL]);
  if (wanted === undefined || mine.length === 0) return { containers: mine, whyNone };
  return {
    containers: mine.filter((c) => commandOf(c) === wanted),
    whyNone: `there is no ${describeTarget(spec, context).replace(/^a /, "")}`,
  };
}

/** "container `pinger`", "your `alpine` container that ran `/bin/ash`". */
function describeTarget(spec: ActionSpec, context: CheckContext): string {
  if (spec.name !== undefined || spec.image === undefined) return describeMatch(spec, context.scope);
  return `your ${code(spec.image)} container${spec.command === undefined ? "" : ` that ran ${code(spec.command)}`}`;
}

function expectedDoing(spec: ActionSpec, target: string): string {
  switch (spec.action) {
    case "exec": {
      const program = spec.program === undefined ? "a command" : code(spec.program);
      const argument = spec.argument === undefined ? "" : ` naming ${code(spec.argument)}`;
      const address = spec.addressOf === undefined ? "" : ` with the address of container ${code(spec.addressOf)}`;
      return `run ${program}${argument}${address} in ${target}`;
    }
    case "connect":
      return `plug ${target} into ${spec.network === undefined ? "a network" : `network ${code(spec.network)}`}`;
    case "disconnect":
      return `unplug ${target} from ${spec.network === undefined ? "a network" : `network ${code(spec.network)}`}`;
    default:
      return `${spec.action} ${target}`;
  }
}

const pastTense = (action: ActionSpec["action"]): string =>
  ({ exec: "ran", start: "started", stop: "stopped", restart: "restarted", connect: "plugged", disconnect: "unplugged" })[action];

function networkWords(spec: ActionSpec): string {
  if (spec.action === "connect") return spec.network === undefined ? " into a network" : ` into network ${code(spec.network)}`;
  if (spec.action === "disconnect") return spec.network === undefined ? " from a network" : ` from network ${code(spec.network)}`;
  return "";
}

/**
 * Whether a plug was into (or out of) `network`. Podman 4 does not say which network an event was
 * about: then the container's networks now must agree (on it after a connect, off it after a disconnect).
 */
function onNetwork(action: LearnerAction, network: string | undefined, container: ContainerDetails | undefined): boolean {
  if (network === undefined) return true;
  if (action.kind !== "connect" && action.kind !== "disconnect") return false;
  if (action.networkName === "" && action.networkId === "")
    return container !== undefined && container.networks.includes(network) === (action.kind === "connect");
  return action.networkName === network || action.networkId === network;
}

/** What keeps one exec from being the one the step asks for, or undefined when it is. */
async function execMiss(spec: ActionSpec, exec: ExecAction, context: CheckContext): Promise<string | undefined> {
  if (spec.program !== undefined && programOf(exec) !== spec.program) return `runs ${code(programOf(exec))}, not ${code(spec.program)}`;
  const args = exec.words.slice(1);
  if (spec.argument !== undefined && !args.includes(spec.argument)) return `does not name ${code(spec.argument)}`;
  if (spec.addressOf !== undefined) {
    const addresses = await addressesOf(spec.addressOf, context);
    if (addresses.length === 0) return `cannot be checked: container ${code(spec.addressOf)} has no address`;
    if (!args.some((a) => addresses.includes(a)))
      return `is not given the address of container ${code(spec.addressOf)} (${addresses.map(code).join(" or ")})`;
  }
  if (spec.exitCode !== undefined) {
    if (exec.exitCode === undefined) return "is still running";
    if (exec.exitCode !== spec.exitCode) return `exited with code ${exec.exitCode}, not ${spec.exitCode}`;
  }
  return undefined;
}

/** The container's IPv4 addresses on every network it is on. */
async function addressesOf(name: string, { docker }: CheckContext): Promise<string[]> {
  const container = await docker.inspectContainer(name);
  const networks = await Promise.all((container?.networks ?? []).map((network) => docker.inspectNetwork(network)));
  return networks.flatMap((n) => (n?.containers ?? []).filter((c) => c.name === name && c.ipv4 !== "").map((c) => c.ipv4));
}
