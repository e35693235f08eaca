import type { HostResources } from "../../docker/host-resources.js";
import { formatTable } from "../../docker/interpreter/format/table.js";
import type { NodeDaemonInfo } from "../../docker/node-daemon.js";
import { nodeAccess, nodeDaemon, type PlaygroundNode, playgroundNodes } from "../../env/playground-host.js";
import { bringUp, removePlayground } from "../../env/playground-lifecycle.js";
import { DEFAULT_ENV_NAME, MAX_NODES, planPlayground, playgroundNameProblem } from "../../env/playground-plan.js";
import { ExitCode, ExitError, TutorError } from "../../errors.js";
import { withinTime } from "../../within-time.js";
import { catalog, connect, theme } from "../command-context.js";
import { onInterrupt } from "../interrupts.js";
import { imagesNeeded } from "../lesson-images.js";
import type { Session } from "../session.js";

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

  const existing = await playgroundNodes(host, plan.name);
  if (existing.length > 0) {
    if (existing.length === count && existing.every((n) => n.state === "running")) {
      session.stdout.write(`${t.ok} The playground ${plan.name} is already up with ${count} node${count === 1 ? "" : "s"}:\n`);
      session.stdout.write(await nodesTable(host, existing));
      return;
    }
    throw new TutorError(
      `A playground named ${plan.name} already exists, with ${existing.length} node${existing.length === 1 ? "" : "s"} (${existing.map((n) => `${n.node} ${n.state}`).join(", ")}).`,
      `Remove it first with \`docker-tutor env down --name ${plan.name}\`, or start another with --name.`,
    );
  }
  const interrupted = new AbortController();
  const stopListening = onInterrupt({
    first: () => {
      interrupted.abort();
      session.stdout.write(`\n${t.warn} Stopping: removing the nodes made so far (Ctrl-C again leaves them).\n`);
    },
    atOnce: () => `Stopped at once. Remove what was made with: docker-tutor env down --name ${plan.name}`,
  });
  const images = imagesNeeded(await catalog(session)).map((i) => i.image);
  let result: Awaited<ReturnType<typeof bringUp>>;
  try {
    session.stdout.write(`Starting ${count} node${count === 1 ? "" : "s"} on network ${plan.network} (node image ${options.nodeImage})\n`);
    result = await bringUp(client, plan, {
      image: options.nodeImage,
      images,
      signal: interrupted.signal,
      say: (kind, text) => session.stdout.write(`${kind === "warn" ? `${t.warn} ` : ""}${text}\n`),
      pullOutput: session,
    });
  } finally {
    stopListening();
  }
  if (!result) {
    session.stdout.write(`${t.warn} Stopped by Ctrl-C; nothing of the playground is left.\n`);
    throw new ExitError(ExitCode.interrupted);
  }
  const missing = images.filter((image) => !result.copied.includes(image));
  if (result.copied.length > 0) {
    session.stdout.write(
      `${t.ok} Copied ${result.copied.length} lesson image${result.copied.length === 1 ? "" : "s"} into each node in ${(result.copyMs / 1000).toFixed(1)} s` +
        `${missing.length > 0 ? t.dim(` (not here to copy: ${missing.join(", ")}; docker-tutor prepare pulls them)`) : ""}\n`,
    );
  }
  const flag = plan.name === DEFAULT_ENV_NAME ? "" : ` --name ${plan.name}`;
  session.stdout.write(await nodesTable(host, result.nodes));
  const first = result.nodes[0];
  const access = first ? await nodeAccess(host, first) : undefined;
  // Each command on a line of its own, so that it can be copied whole even where it is wider than the terminal.
  const hint = (label: string, command: string) => `  ${label}\n    ${t.code(command)}\n`;
  const tls = access?.urls[0]
    ? hint(
        `docker in this terminal on ${first?.node}, with TLS:`,
        `export DOCKER_HOST=${access.urls[0]} DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=${access.certDir}`,
      )
    : "";
  session.stdout.write(
    `${t.ok} The playground ${plan.name} is up in ${((Date.now() - started) / 1000).toFixed(1)} s.\n` +
      hint("A shell on a node, where docker talks to that node:", `docker-tutor env shell node1${flag}`) +
      tls +
      hint("Remove every node, its volume and the network:", `docker-tutor env down${flag}`),
  );
}

async function nodesTable(host: HostResources, nodes: readonly PlaygroundNode[]): Promise<string> {
  const infos = await Promise.all(nodes.map((node) => daemonInfo(host, node)));
  const rows = nodes.map((node, i) => {
    const info = infos[i];
    return [node.node, node.container, node.address ?? "-", node.state, info?.version ?? "-", info?.swarm ?? "-"];
  });
  return formatTable(["NODE", "CONTAINER", "ADDRESS", "STATE", "ENGINE", "SWARM"], rows);
}

async function daemonInfo(host: HostResources, node: PlaygroundNode): Promise<NodeDaemonInfo | undefined> {
  if (node.state !== "running") return undefined;
  const daemon = await nodeDaemon(host, node);
  return daemon ? withinTime(daemon.info(), 3000) : undefined;
}

export async function envLs(session: Session, options: { json: boolean }): Promise<void> {
  const { client } = await connect(session);
  const nodes = await playgroundNodes(client.playground());
  if (options.json) {
    const host = client.playground();
    const infos = await Promise.all(nodes.map((node) => daemonInfo(host, node)));
    const access = await Promise.all(nodes.map((node) => (node.state === "running" ? nodeAccess(host, node) : undefined)));
    session.stdout.write(
      `${JSON.stringify(
        nodes.map((node, i) => ({ ...node, daemon: infos[i] ?? null, access: access[i] ?? null })),
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
  session.stdout.write(await nodesTable(client.playground(), nodes));
}

export async function envShell(session: Session, node: string, options: { name: string }): Promise<void> {
  const { client } = await connect(session);
  const host = client.playground();
  const nodes = await playgroundNodes(host, options.name);
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
  const code = await host.shell(found.id, { stdin: session.stdin, stdout: session.stdout });
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
