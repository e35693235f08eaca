import type { DockerClient } from "../docker/client.js";
import { connectToDocker } from "../docker/connect.js";
import { realHostWorld } from "../docker/host-world.js";
import type { DockerReader, PlaygroundView } from "../docker/reader.js";
import { createRound } from "../docker/round.js";
import { withinTime } from "../within-time.js";
import { playgroundNodes } from "./playground-host.js";
import { NODE_DAEMON_PORT } from "./playground-plan.js";

/** How long one look at a node's daemon may take before the node counts as not up. */
const NODE_ANSWER_MS = 3000;

/**
 * A lesson's view of its multi-node playground: which nodes are up and a client for each node's
 * daemon, reached at its address on the playground's network. Clients are kept between rounds; what
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
    if (!found?.address) return undefined;
    return this.clientAt(found.address);
  }

  /** Every running node's name and address. */
  async addresses(): Promise<{ node: string; address: string }[]> {
    const nodes = await playgroundNodes(this.host.playground(), this.name);
    return nodes.flatMap((n) => (n.state === "running" && n.address ? [{ node: n.node, address: n.address }] : []));
  }

  private clientAt(address: string): Promise<DockerClient | undefined> {
    let client = this.clients.get(address);
    if (!client) {
      // Nothing of the learner's docker settings applies: the nodes speak plain HTTP on their network.
      const world = { ...realHostWorld({}), env: {} };
      client = connectToDocker({ host: `tcp://${address}:${NODE_DAEMON_PORT}` }, world).then(
        (connection) => connection.client,
        () => undefined,
      );
      this.clients.set(address, client);
      // A node that did not answer is asked again next time: it may still be starting.
      void client.then((c) => {
        if (!c) this.clients.delete(address);
      });
    }
    return client;
  }

  /** One check round's view: the nodes read once, each node's daemon through one shared round. */
  round(): PlaygroundView {
    let addresses: Promise<{ node: string; address: string }[]> | undefined;
    const readers = new Map<string, Promise<DockerReader | undefined>>();
    const listed = () => {
      addresses ??= this.addresses().catch(() => []);
      return addresses;
    };
    const reader = (node: string) => {
      let found = readers.get(node);
      if (!found) {
        found = listed().then(async (all) => {
          const address = all.find((n) => n.node === node)?.address;
          const client = address ? await this.clientAt(address) : undefined;
          return client ? createRound(client) : undefined;
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
