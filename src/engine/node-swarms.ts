import type { DockerClient } from "../docker/client.js";
import type { PlaygroundNodes } from "../env/playground-nodes.js";
import type { Lesson } from "../lessons/schema.js";
import type { StepPass } from "../progress/store.js";

/** A playground node in a swarm, as reset finds it. */
export interface NodeInSwarm {
  readonly node: string;
  readonly manager: boolean;
  readonly client: DockerClient;
}

/**
 * Whether the tutor saw one of the lesson's steps pass that puts a playground node in a swarm (a
 * `swarm` check asked of a node: lesson 5's `swarm init` on node1). Only then did the lesson start
 * the swarm its nodes are in.
 */
export function lessonStartedNodeSwarm(lesson: Lesson, passes: Readonly<Record<string, StepPass>>): boolean {
  return lesson.steps.some(
    (step) =>
      passes[step.id] !== undefined && step.checks.some((check) => check.kind === "swarm" && "node" in check && check.node !== undefined),
  );
}

/** The playground's running nodes that are in a swarm now. */
export async function nodesInSwarm(nodes: PlaygroundNodes): Promise<NodeInSwarm[]> {
  const found = await Promise.all(
    (await nodes.addresses()).map(async ({ node }) => {
      const client = await nodes.client(node);
      const info = client ? await client.info().catch(() => undefined) : undefined;
      return client && info && info.swarm.state !== "inactive" ? { node, manager: info.swarm.isManager, client } : undefined;
    }),
  );
  return found.filter((n) => n !== undefined).sort((a, b) => a.node.localeCompare(b.node));
}

/**
 * Every node leaves its swarm, workers first (a manager that left first would leave them pointing at
 * nothing). With the swarm go the services and overlay networks the lesson made on the nodes; the
 * nodes themselves stay. Resolves to what could not be left, with the daemon's words.
 */
export async function leaveNodeSwarms(nodes: readonly NodeInSwarm[]): Promise<{ node: string; why: string }[]> {
  const failed: { node: string; why: string }[] = [];
  for (const n of [...nodes.filter((n) => !n.manager), ...nodes.filter((n) => n.manager)]) {
    await n.client.leaveSwarm().catch((error: unknown) => {
      failed.push({ node: n.node, why: error instanceof Error ? error.message : String(error) });
    });
  }
  return failed;
}
