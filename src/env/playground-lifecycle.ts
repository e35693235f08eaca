import { Writable } from "node:stream";
import type { DockerClient } from "../docker/client.js";
import { againIfDropped } from "../docker/dropped-connection.js";
import type { HostResources } from "../docker/host-resources.js";
import type { NodeDaemon } from "../docker/node-daemon.js";
import { ExitCode, TutorError } from "../errors.js";
import { removeCertificates } from "./node-certificates.js";
import { hostBoundingSet, nodeDaemon, type PlaygroundNode, playgroundNodes, playgroundResources } from "./playground-host.js";
import {
  ALL_BUT_SYS_RESOURCE,
  DEFAULT_NODE_IMAGE,
  grantableCapabilities,
  isCapabilityRefusal,
  type NodeMode,
  nodeContainerBody,
  type PlaygroundPlan,
} from "./playground-plan.js";

/** How long a node's daemon may take to answer after its container started. */
const NODE_READY_MS = 90_000;

export interface BringUpOptions {
  readonly image: string;
  /** Images to copy from the host daemon into every node (those the host has). */
  readonly images: readonly string[];
  readonly signal?: AbortSignal;
  /** Progress, one line each: what is being done, and a warning when nodes cannot run privileged. */
  readonly say: (kind: "info" | "warn", text: string) => void;
  /** Where the node image's pull progress goes, when the host lacks the image; nowhere by default. */
  readonly pullOutput?: { readonly stdout: NodeJS.WritableStream; readonly stderr: NodeJS.WritableStream };
}

export interface BringUpResult {
  readonly nodes: readonly PlaygroundNode[];
  readonly mode: NodeMode;
  readonly copied: readonly string[];
  readonly copyMs: number;
}

/**
 * Starts a playground as planned: its network, then each node (privileged, or with the capabilities
 * the daemon can grant), waits for every node's daemon, and copies the images in. On any failure,
 * or when `signal` aborts, what was made is removed before it returns or throws. A start a daemon
 * cut short by dropping a connection ("socket hang up", seen in CI on the second of two runs in a
 * row) is removed and made once more.
 */
export function bringUp(client: DockerClient, plan: PlaygroundPlan, options: BringUpOptions): Promise<BringUpResult | undefined> {
  return againIfDropped(() => bringUpOnce(client, plan, options), 1, 2000);
}

async function bringUpOnce(client: DockerClient, plan: PlaygroundPlan, options: BringUpOptions): Promise<BringUpResult | undefined> {
  const host = client.playground();
  await refuseForeignNames(host, plan);
  if (!(await host.imageExists(options.image)) && !(await pullNodeImage(client, options))) {
    throw new TutorError(
      `The node image ${options.image} is not here and could not be pulled.`,
      `Check the network or registry mirror, or name an image with Docker's daemon in it: --node-image IMAGE (${DEFAULT_NODE_IMAGE} by default).`,
      ExitCode.checkFailed,
    );
  }
  const aborted = () => options.signal?.aborted === true;
  // Said with an error the daemon gave, so that "socket hang up" says where it came from.
  let doing = "making its network";
  try {
    await host.createNetwork(plan.network, plan.labels);
    let mode: NodeMode = { kind: "privileged" };
    for (const node of plan.nodes) {
      if (aborted()) break;
      doing = `starting ${node.node}`;
      await host.createVolume(node.volume, plan.labels);
      mode = await startNode(client, host, plan, node, options, mode);
    }
    doing = "waiting for the nodes' Docker daemons";
    const daemons = aborted() ? [] : await waitForDaemons(host, plan, aborted);
    const started = Date.now();
    doing = "copying the lesson's images into the nodes";
    const copied = aborted() ? [] : await copyImages(host, daemons, options.images);
    if (aborted()) {
      await removePlayground(host, plan.name);
      return undefined;
    }
    return { nodes: await playgroundNodes(host, plan.name), mode, copied, copyMs: Date.now() - started };
  } catch (error) {
    await removePlayground(host, plan.name).catch(() => undefined);
    if (error instanceof Error && !(error instanceof TutorError)) error.message = `${doing}: ${error.message}`;
    throw error;
  }
}

async function pullNodeImage(client: DockerClient, options: BringUpOptions): Promise<boolean> {
  options.say("info", `Pulling the node image ${options.image}`);
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  const { stdout, stderr } = options.pullOutput ?? { stdout: discard, stderr: discard };
  return (await client.runCommand(`docker image pull ${options.image}`, { stdout, stderr, cwd: process.cwd(), env: {} })) === 0;
}

/** A container, volume or network of the same name that is not the playground's would be clobbered: refuse. */
async function refuseForeignNames(host: HostResources, plan: PlaygroundPlan): Promise<void> {
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

/**
 * A node runs its image's entrypoint with dockerd's flags as arguments, as docker:dind's does. An
 * image without such an entrypoint (alpine, say) tries to run the first flag as a program.
 */
export function notDockerInDocker(message: string): boolean {
  return /exec: "--[a-z-]+(=[^"]*)?": executable file not found/.test(message);
}

/** Starts a node privileged; where the daemon refuses that, once and for all nodes, with the capabilities it can grant. */
async function startNode(
  client: DockerClient,
  host: HostResources,
  plan: PlaygroundPlan,
  node: PlaygroundPlan["nodes"][number],
  options: BringUpOptions,
  mode: NodeMode,
): Promise<NodeMode> {
  try {
    await host.startContainer(node.container, nodeContainerBody(plan, node, options.image, mode));
    return mode;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (notDockerInDocker(message)) {
      throw new TutorError(
        `The node image ${options.image} does not start a Docker daemon: its entrypoint took the node's dockerd flags for a program to run.`,
        "Use docker:dind (the default: leave out --node-image), or an image built FROM docker:dind; the nodes made so far were removed.",
      );
    }
    if (mode.kind !== "privileged" || !isCapabilityRefusal(message)) {
      throw new TutorError(
        `The node ${node.node} did not start: ${message}.`,
        "See `docker-tutor doctor`; the nodes made so far were removed.",
      );
    }
    const bounding = await hostBoundingSet(client, options.image, plan.labels);
    const capabilities = bounding ? grantableCapabilities(bounding) : [...ALL_BUT_SYS_RESOURCE];
    options.say(
      "warn",
      `This daemon cannot grant every capability (--privileged: ${message}), so the nodes run with the ${capabilities.length} it can, seccomp, AppArmor and /proc unconfined, and the host's cgroups.`,
    );
    const fallback: NodeMode = { kind: "capabilities", capabilities };
    try {
      await host.startContainer(node.container, nodeContainerBody(plan, node, options.image, fallback));
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
async function waitForDaemons(host: HostResources, plan: PlaygroundPlan, aborted: () => boolean): Promise<NodeDaemon[]> {
  const deadline = Date.now() + NODE_READY_MS;
  const nodes = await playgroundNodes(host, plan.name);
  const daemons: NodeDaemon[] = [];
  for (const node of nodes) {
    for (;;) {
      if (aborted()) return daemons;
      // Listed again each time: the published port shows once the container runs.
      const current = (await playgroundNodes(host, plan.name)).find((n) => n.id === node.id) ?? node;
      const daemon = await nodeDaemon(host, current);
      if (daemon) {
        daemons.push(daemon);
        break;
      }
      const stopped = current.state === "exited" || current.state === "dead";
      if (stopped || Date.now() > deadline) {
        const logs = await host.logTail(node.id, 8).catch(() => "");
        throw new TutorError(
          stopped
            ? `The node ${node.node} stopped before its Docker daemon answered.`
            : `The Docker daemon inside ${node.node} did not answer within ${NODE_READY_MS / 1000} s.`,
          "Its last lines are below. A node image must start dockerd with TLS on 2376 as docker:dind does (DOCKER_TLS_CERTDIR); the nodes made so far were removed.",
          ExitCode.checkFailed,
          logs.split("\n"),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  return daemons;
}

/** The images the host has, into every node's daemon, each reached as it first answered. */
async function copyImages(host: HostResources, daemons: readonly NodeDaemon[], wanted: readonly string[]): Promise<string[]> {
  const present: string[] = [];
  for (const image of wanted) if (await host.imageExists(image)) present.push(image);
  if (present.length === 0) return present;
  for (const daemon of daemons) await daemon.loadImages(await host.saveImages(present));
  return present;
}

/** Everything labelled as this playground's, and nothing else: nodes, their volumes, the network. */
export async function removePlayground(host: HostResources, name: string): Promise<string[]> {
  const found = await playgroundResources(host, name);
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
  removeCertificates(name);
  return removed;
}
