import type { DockerClient } from "../../docker/client.js";
import { formatTable } from "../../docker/interpreter/output/table.js";
import { type NodeDaemonInfo, nodeDaemon, type PlaygroundHost, type PlaygroundNode } from "../../docker/playground-host.js";
import {
  ALL_BUT_SYS_RESOURCE,
  DEFAULT_ENV_NAME,
  DEFAULT_NODE_IMAGE,
  grantableCapabilities,
  isCapabilityRefusal,
  MAX_NODES,
  type NodeMode,
  nodeContainerBody,
  type PlaygroundPlan,
  planPlayground,
  playgroundNameProblem,
} from "../../env/playground-plan.js";
import { ExitCode, ExitError, TutorError } from "../../errors.js";
import type { Theme } from "../../ui/theme.js";
import { catalog, connect, theme } from "../command-context.js";
import { onInterrupt } from "../interrupts.js";
import type { Session } from "../session.js";
import { imagesNeeded } from "./prepare.js";

/** How long a node's daemon may take to answer after its container started. */
const NODE_READY_MS = 90_000;

export interface EnvUpOptions {
  readonly nodes: string;
  readonly name: string;
  readonly nodeImage: string;
}

/**
 * `env up`: N nodes, each a container running its own Docker daemon, on a network made for them,
 * all labelled as the playground's; the lesson images are copied in, so nodes need no registry.
 */
export async function envUp(session: Session, options: EnvUpOptions): Promise<void> {
  const t = theme(session);
  const count = Number(options.nodes);
  if (!Number.isInteger(count) || count < 1 || count > MAX_NODES) {
    throw new TutorError(`--nodes ${options.nodes} is not a node count.`, `Give a whole number from 1 to ${MAX_NODES}, e.g. --nodes 2.`);
  }
  const nameProblem = playgroundNameProblem(options.name);
  if (nameProblem) throw new TutorError(`${nameProblem}.`, "Pick another with --name, e.g. --name play.");
  const { client } = await connect(session);
  const host = client.playground();
  const plan = planPlayground(options.name, count);
  const started = Date.now();

  const existing = await host.nodes(plan.name);
  if (existing.length > 0) {
    if (existing.length === count && existing.every((n) => n.state === "running")) {
      session.stdout.write(`${t.ok} The playground ${plan.name} is already up with ${count} node${count === 1 ? "" : "s"}:\n`);
      session.stdout.write(await nodesTable(existing));
      return;
    }
    throw new TutorError(
      `A playground named ${plan.name} already exists, with ${existing.length} node${existing.length === 1 ? "" : "s"} (${existing.map((n) => `${n.node} ${n.state}`).join(", ")}).`,
      `Remove it first with \`docker-tutor env down --name ${plan.name}\`, or start another with --name.`,
    );
  }
  await refuseForeignNames(host, plan);
  await ensureNodeImage(session, client, host, options.nodeImage);

  const interrupted = new AbortController();
  const stopListening = onInterrupt({
    first: () => {
      interrupted.abort();
      session.stdout.write(`\n${t.warn} Stopping: removing the nodes made so far (Ctrl-C again leaves them).\n`);
    },
    atOnce: () => `Stopped at once. Remove what was made with: docker-tutor env down --name ${plan.name}`,
  });
  try {
    session.stdout.write(`Starting ${count} node${count === 1 ? "" : "s"} on network ${plan.network} (node image ${options.nodeImage})\n`);
    await host.createNetwork(plan.network, plan.labels);
    let mode: NodeMode = { kind: "privileged" };
    for (const node of plan.nodes) {
      if (interrupted.signal.aborted) break;
      await host.createVolume(node.volume, plan.labels);
      mode = await startNode(session, host, plan, node, options.nodeImage, mode, t);
    }
    const nodes = interrupted.signal.aborted ? [] : await waitForDaemons(host, plan, interrupted.signal);
    if (!interrupted.signal.aborted) await copyLessonImages(session, host, nodes, t);
    if (interrupted.signal.aborted) {
      await removePlayground(host, plan.name);
      session.stdout.write(`${t.warn} Stopped by Ctrl-C; nothing of the playground is left.\n`);
      throw new ExitError(ExitCode.interrupted);
    }
    session.stdout.write(await nodesTable(await host.nodes(plan.name)));
    session.stdout.write(
      `${t.ok} The playground ${plan.name} is up in ${((Date.now() - started) / 1000).toFixed(1)} s.\n` +
        `  A shell on a node, where docker talks to that node: ${t.code(`docker-tutor env shell node1${plan.name === DEFAULT_ENV_NAME ? "" : ` --name ${plan.name}`}`)}\n` +
        `  Remove every node, its volume and the network:     ${t.code(`docker-tutor env down${plan.name === DEFAULT_ENV_NAME ? "" : ` --name ${plan.name}`}`)}\n`,
    );
  } catch (error) {
    if (!(error instanceof ExitError)) await removePlayground(host, plan.name).catch(() => undefined);
    throw error;
  } finally {
    stopListening();
  }
}

/** A container, volume or network of the same name that is not the playground's would be clobbered: refuse. */
async function refuseForeignNames(host: PlaygroundHost, plan: PlaygroundPlan): Promise<void> {
  const wanted: ["container" | "volume" | "network", string][] = [
    ["network", plan.network],
    ...plan.nodes.flatMap((n): ["container" | "volume", string][] => [
      ["container", n.container],
      ["volume", n.volume],
    ]),
  ];
  const taken: string[] = [];
  for (const [kind, name] of wanted) if (await host.nameTaken(kind, name)) taken.push(`${kind} ${name}`);
  if (taken.length > 0) {
    throw new TutorError(
      `${taken.join(", ")} already exist${taken.length === 1 ? "s" : ""} and ${taken.length === 1 ? "is" : "are"} not the playground's.`,
      "Name the playground differently with --name, e.g. --name play2; the tutor never touches what is not its own.",
    );
  }
}

async function ensureNodeImage(session: Session, client: DockerClient, host: PlaygroundHost, image: string): Promise<void> {
  if (await host.imageExists(image)) return;
  session.stdout.write(`Pulling the node image ${image}\n`);
  const code = await client.runCommand(`docker image pull ${image}`, {
    stdout: session.stdout,
    stderr: session.stderr,
    cwd: process.cwd(),
    env: session.world.env,
  });
  if (code !== 0) {
    throw new TutorError(
      `The node image ${image} is not here and could not be pulled.`,
      `Check the network or registry mirror, or name an image with Docker's daemon in it: --node-image IMAGE (${DEFAULT_NODE_IMAGE} by default).`,
      ExitCode.checkFailed,
    );
  }
}

/** Starts a node privileged; where the daemon refuses that, once and for all nodes, with the capabilities it can grant. */
async function startNode(
  session: Session,
  host: PlaygroundHost,
  plan: PlaygroundPlan,
  node: PlaygroundPlan["nodes"][number],
  image: string,
  mode: NodeMode,
  t: Theme,
): Promise<NodeMode> {
  try {
    await host.startNode(node.container, nodeContainerBody(plan, node, image, mode));
    return mode;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (mode.kind !== "privileged" || !isCapabilityRefusal(message)) {
      throw new TutorError(
        `The node ${node.node} did not start: ${message}.`,
        "See `docker-tutor doctor`; the nodes made so far were removed.",
      );
    }
    const bounding = await host.boundingSet(image, plan.labels);
    const capabilities = bounding ? grantableCapabilities(bounding) : [...ALL_BUT_SYS_RESOURCE];
    session.stdout.write(
      `${t.warn} This daemon cannot grant every capability (--privileged: ${message}), so the nodes run with the ${capabilities.length} it can, seccomp, AppArmor and /proc unconfined, and the host's cgroups.\n`,
    );
    const fallback: NodeMode = { kind: "capabilities", capabilities };
    try {
      await host.startNode(node.container, nodeContainerBody(plan, node, image, fallback));
    } catch (again) {
      throw new TutorError(
        `The node ${node.node} did not start, even without --privileged: ${again instanceof Error ? again.message : String(again)}.`,
        "Docker-in-Docker needs a daemon that can run privileged containers; the nodes made so far were removed.",
      );
    }
    return fallback;
  }
}

/** Each node's daemon, once it answers at its address on the playground's network. */
async function waitForDaemons(host: PlaygroundHost, plan: PlaygroundPlan, signal: AbortSignal): Promise<PlaygroundNode[]> {
  const deadline = Date.now() + NODE_READY_MS;
  const nodes = await host.nodes(plan.name);
  for (const node of nodes) {
    for (;;) {
      if (signal.aborted) return nodes;
      const answered = node.address
        ? await (await nodeDaemon(node.address)).info().then(
            () => true,
            () => false,
          )
        : false;
      if (answered) break;
      if (Date.now() > deadline) {
        const logs = await host.logTail(node.id, 8).catch(() => "");
        throw new TutorError(
          `The Docker daemon inside ${node.node} did not answer within ${NODE_READY_MS / 1000} s.`,
          "Its last lines are below; the nodes made so far were removed.",
          ExitCode.checkFailed,
          logs.split("\n"),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  return nodes;
}

/** The lesson images this daemon has, into every node (`save` → `load`): nodes need no registry. */
async function copyLessonImages(session: Session, host: PlaygroundHost, nodes: readonly PlaygroundNode[], t: Theme): Promise<void> {
  const wanted = imagesNeeded(await catalog(session)).map((i) => i.image);
  const present: string[] = [];
  for (const image of wanted) if (await host.imageExists(image)) present.push(image);
  if (present.length === 0) return;
  const started = Date.now();
  for (const node of nodes) {
    if (!node.address) continue;
    await (await nodeDaemon(node.address)).loadImages(await host.saveImages(present));
  }
  const missing = wanted.filter((image) => !present.includes(image));
  session.stdout.write(
    `${t.ok} Copied ${present.length} lesson image${present.length === 1 ? "" : "s"} into each node in ${((Date.now() - started) / 1000).toFixed(1)} s` +
      `${missing.length > 0 ? t.dim(` (not here to copy: ${missing.join(", ")}; docker-tutor prepare pulls them)`) : ""}\n`,
  );
}

async function nodesTable(nodes: readonly PlaygroundNode[]): Promise<string> {
  const infos = await Promise.all(nodes.map((node) => daemonInfo(node)));
  const rows = nodes.map((node, i) => {
    const info = infos[i];
    return [node.node, node.container, node.address ?? "-", node.state, info?.version ?? "-", info?.swarm ?? "-"];
  });
  return formatTable(["NODE", "CONTAINER", "ADDRESS", "STATE", "ENGINE", "SWARM"], rows);
}

async function daemonInfo(node: PlaygroundNode): Promise<NodeDaemonInfo | undefined> {
  if (!node.address || node.state !== "running") return undefined;
  const daemon = await nodeDaemon(node.address);
  const late = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 3000).unref());
  return Promise.race([daemon.info().catch(() => undefined), late]);
}

export async function envLs(session: Session, options: { json: boolean }): Promise<void> {
  const { client } = await connect(session);
  const nodes = await client.playground().nodes();
  if (options.json) {
    const infos = await Promise.all(nodes.map((node) => daemonInfo(node)));
    session.stdout.write(
      `${JSON.stringify(
        nodes.map((node, i) => ({ ...node, daemon: infos[i] ?? null })),
        null,
        2,
      )}\n`,
    );
    return;
  }
  if (nodes.length === 0) {
    session.stdout.write("No playground is up. Start one with: docker-tutor env up --nodes 2\n");
    return;
  }
  session.stdout.write(await nodesTable(nodes));
}

export async function envShell(session: Session, node: string, options: { name: string }): Promise<void> {
  const { client } = await connect(session);
  const host = client.playground();
  const nodes = await host.nodes(options.name);
  const found = nodes.find((n) => n.node === node || n.container === node);
  if (!found) {
    const known = nodes.map((n) => n.node).join(", ");
    throw new TutorError(
      `The playground ${options.name} has no node ${node}.`,
      known ? `Its nodes are ${known}.` : "Start it with `docker-tutor env up --nodes 2`.",
    );
  }
  if (found.state !== "running") {
    throw new TutorError(`The node ${found.node} is ${found.state}.`, "Start the playground again: docker-tutor env down, then env up.");
  }
  if (!session.interactive) {
    throw new TutorError(
      "env shell needs a terminal, and this is not one.",
      `Run one command on the node instead: docker exec ${found.container} docker info`,
    );
  }
  session.stdout.write(
    theme(session).dim(`A shell on ${found.node}: docker here talks to ${found.node}'s own daemon. Type exit to leave.\n`),
  );
  const code = await host.shell(found.id, [`PS1=${found.node} $ `], { stdin: session.stdin, stdout: session.stdout });
  if (code !== 0) throw new ExitError(code as ExitCode);
}

export async function envDown(session: Session, options: { name: string }): Promise<void> {
  const t = theme(session);
  const { client } = await connect(session);
  const host = client.playground();
  const removed = await removePlayground(host, options.name);
  if (removed.length === 0) {
    session.stdout.write(`No playground named ${options.name} is here: nothing to remove.\n`);
    return;
  }
  session.stdout.write(
    `${removed.map((r) => `  - ${r}\n`).join("")}${t.ok} The playground ${options.name} is gone: ${removed.length} removed.\n`,
  );
}

/** Everything labelled as this playground's, and nothing else: nodes, their volumes, the network. */
async function removePlayground(host: PlaygroundHost, name: string): Promise<string[]> {
  const found = await host.resources(name);
  const removed: string[] = [];
  for (const c of found.containers) {
    await host.removeContainer(c.id);
    removed.push(`container ${c.name}`);
  }
  for (const v of found.volumes) {
    await host.removeVolume(v);
    removed.push(`volume ${v}`);
  }
  for (const n of found.networks) {
    await host.removeNetwork(n.id);
    removed.push(`network ${n.name}`);
  }
  return removed;
}
