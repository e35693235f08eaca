import type { DockerClient } from "../docker/client.js";
import { connectThrough, connectToDocker } from "../docker/connect.js";
import { createAgentDockerode } from "../docker/dockerode-factory.js";
import { realHostWorld } from "../docker/host-world.js";
import type { DockerReader, PlaygroundView } from "../docker/reader.js";
import { createRound } from "../docker/round.js";
import { withinTime } from "../within-time.js";
import { type NodeAccess, nodeAccess, type PlaygroundNode, playgroundNodes } from "./playground-host.js";

/** How long one look at a node's daemon may take before the node counts as not up. */
const NODE_ANSWER_MS = 3000;

/**
 * A lesson's view of its multi-node playground: which nodes are up and a client for each node's
 * daemon, reached with TLS (playground-host.ts nodeAccess). Clients are kept between rounds; what
 * is up is read again for every round.
 */
export class PlaygroundNodes {
  private readonly clients = new Map<string, Promise<DockerClient | undefined>>();

  constructor(
    private readonly host: DockerClient,
    readonly name: string,
  ) {}

  /** The node's daemon, or undefined when the node is not running or its daemon does not answer. */
  async client(node: string): Promise<DockerClient | undefined> {
    const found = (await playgroundNodes(this.host.playground(), this.name)).find((n) => n.node === node && n.state === "running");
    return found ? this.clientOf(found) : undefined;
  }

  /** How to reach the node's daemon from this machine (URLs, certificates); undefined when it is not up. */
  async access(node: string): Promise<NodeAccess | undefined> {
    const found = (await this.running()).find((n) => n.node === node);
    return found ? nodeAccess(this.host.playground(), found) : undefined;
  }

  /** Every running node's name and address. */
  async addresses(): Promise<{ node: string; address: string }[]> {
    return (await this.running()).flatMap((n) => (n.address ? [{ node: n.node, address: n.address }] : []));
  }

  private async running(): Promise<PlaygroundNode[]> {
    return (await playgroundNodes(this.host.playground(), this.name)).filter((n) => n.state === "running");
  }

  private clientOf(node: PlaygroundNode): Promise<DockerClient | undefined> {
    let client = this.clients.get(node.id);
    if (!client) {
      client = this.connect(node);
      this.clients.set(node.id, client);
      // A node that did not answer is asked again next time: it may still be starting.
      void client.then((c) => {
        if (!c) this.clients.delete(node.id);
      });
    }
    return client;
  }

  private async connect(node: PlaygroundNode): Promise<DockerClient | undefined> {
    const access = await nodeAccess(this.host.playground(), node);
    if (!access) return undefined;
    // Nothing of the learner's docker settings applies, only the node's own certificates.
    const world = { ...realHostWorld({}), env: { DOCKER_TLS_VERIFY: "1", DOCKER_CERT_PATH: access.certDir } };
    for (const url of access.urls) {
      const connection = await connectToDocker({ host: url }, world).catch(() => undefined);
      if (connection) return connection.client;
    }
    // No route from here (a daemon on another machine, or itself in a node): through an exec.
    const docker = await createAgentDockerode(this.host.playground().tunnelInto(node.id, { keepAlive: true }));
    const endpoint = {
      host: `exec://${node.container}`,
      source: "the playground (docker system dial-stdio in the node)",
      tls: undefined,
      explicit: true,
    };
    return connectThrough(docker, endpoint, world).catch(() => undefined);
  }

  /**
   * One check round's view: the nodes read once, each node's daemon through one shared round;
   * `through` may stand between a node's daemon and its round (warm-execs.ts).
   */
  round(through?: (node: string, reader: DockerReader) => DockerReader): PlaygroundView {
    let nodes: Promise<PlaygroundNode[]> | undefined;
    const readers = new Map<string, Promise<DockerReader | undefined>>();
    const listed = () => {
      nodes ??= this.running().catch(() => []);
      return nodes;
    };
    const reader = (node: string) => {
      let found = readers.get(node);
      if (!found) {
        found = listed().then(async (all) => {
          const running = all.find((n) => n.node === node);
          const client = running ? await this.clientOf(running) : undefined;
          return client ? createRound(through ? through(node, client) : client) : undefined;
        });
        readers.set(node, found);
      }
      return found;
    };
    return {
      name: this.name,
      reader,
      up: async () => {
        const all = await listed();
        const answering = await Promise.all(all.map(async ({ node }) => ((await answers(reader(node))) ? node : undefined)));
        return answering.filter((n) => n !== undefined);
      },
    };
  }
}

async function answers(reader: Promise<DockerReader | undefined>): Promise<boolean> {
  const docker = await reader;
  return docker !== undefined && (await withinTime(docker.info(), NODE_ANSWER_MS)) !== undefined;
}

/** The playground a lesson's steps run on, when it declares nodes. */
export function playgroundFor(
  host: DockerClient,
  lesson: { readonly requires: { readonly nodes?: number | undefined; readonly playground: string } },
): PlaygroundNodes | undefined {
  return lesson.requires.nodes === undefined ? undefined : new PlaygroundNodes(host, lesson.requires.playground);
}
