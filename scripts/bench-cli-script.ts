/**
 * A lesson's solutions as the shell script a learner would type with the docker CLI (bench-lessons.ts
 * times it against `docker-tutor test`), as pure text. Commands on a playground node run there as
 * `docker-tutor env shell` would: `docker exec` into the node's container, whose own docker CLI
 * talks to the node's daemon; the nodes come up with the lesson's own `docker-tutor env up` and go
 * with its `env down`. Nothing is added that the CLI does not do (no sleeps, no waits).
 */
import type { Lesson, SolutionAction, Step } from "../src/lessons/schema.js";

export interface ScriptPlayground {
  readonly name: string;
  readonly network: string;
  readonly nodes: readonly { readonly node: string; readonly container: string }[];
}

export interface ScriptContext {
  /** How the script runs the tutor itself (`node /path/bin/docker-tutor.js`), for `env up`/`env down`. */
  readonly tutor: string;
  /** The lesson's playground (its name is the run's own), when it has nodes. */
  readonly playground?: ScriptPlayground;
  /**
   * A step that may pass on arrival and does here (a swarm the host is already a manager of): the
   * learner types nothing for it, as `test` runs nothing for it.
   */
  readonly doneOnArrival: (step: Step) => boolean;
}

export const shellQuote = (text: string): string => `'${text.replaceAll("'", "'\\''")}'`;

/** `NODE1_ADDR`: a node's address variable, as the solution runner names it. */
const addressVar = (node: string) => `${node.toUpperCase()}_ADDR`;

/** The script's lines, for `bash -e` in the lesson's workspace; output goes nowhere, as in a quiet terminal. */
export function lessonScript(lesson: Lesson, context: ScriptContext): string[] {
  const lines: string[] = [];
  const captured: string[] = [];
  let nodesUp = false;
  const { playground } = context;
  const bringUpNodes = () => {
    if (!playground || nodesUp) return;
    nodesUp = true;
    lines.push(`${context.tutor} env up --nodes ${playground.nodes.length} --name ${playground.name} >/dev/null`);
    // What `hostname -i` prints in each node's shell: its address on the playground's network.
    for (const { node, container } of playground.nodes) {
      const format = `{{(index .NetworkSettings.Networks ${JSON.stringify(playground.network)}).IPAddress}}`;
      lines.push(`${addressVar(node)}=$(docker inspect -f ${shellQuote(format)} ${container})`);
    }
  };
  for (const step of lesson.steps) {
    if (step.mayPassOnArrival && context.doneOnArrival(step)) continue;
    if (step.checks.some((check) => check.kind === "playground")) bringUpNodes();
    for (const action of step.solution) {
      if ("run" in action && action.node !== undefined) bringUpNodes();
      lines.push(actionLine(action, context, captured));
      if ("run" in action && action.capture) captured.push(action.capture);
    }
  }
  if (nodesUp && playground) lines.push(`${context.tutor} env down --name ${playground.name} >/dev/null`);
  return lines;
}

function actionLine(action: SolutionAction, context: ScriptContext, captured: readonly string[]): string {
  if ("shell" in action) return action.shell;
  if ("copy" in action) return `cp ${shellQuote(action.copy.from)} ${shellQuote(action.copy.to)}`;
  if ("write" in action) return `printf %s ${shellQuote(action.write.content)} > ${shellQuote(action.write.path)}`;
  const stdin = action.stdin === undefined ? "" : `printf %s ${shellQuote(action.stdin)} | `;
  const command = action.node === undefined ? action.run : onNode(action.run, action.node, context, captured, action.stdin !== undefined);
  return action.capture ? `${action.capture}=$(${stdin}${command})` : `${stdin}${command} >/dev/null`;
}

/** The command typed in the node's shell: its environment has the nodes' addresses and what was captured. */
function onNode(run: string, node: string, context: ScriptContext, captured: readonly string[], stdin: boolean): string {
  const found = context.playground?.nodes.find((n) => n.node === node);
  if (!found) throw new Error(`a solution runs on ${node}, which the lesson's playground does not have`);
  const vars = [
    `NODE_ADDR="$${addressVar(node)}"`,
    ...(context.playground?.nodes ?? []).map((n) => `${addressVar(n.node)}="$${addressVar(n.node)}"`),
    ...captured.map((name) => `${name}="$${name}"`),
  ];
  return `docker exec ${stdin ? "-i " : ""}${vars.map((v) => `-e ${v}`).join(" ")} ${found.container} sh -c ${shellQuote(run)}`;
}
