import type Dockerode from "dockerode";
import { ENV_LABEL, NODE_DAEMON_PORT, NODE_LABEL } from "../env/playground-plan.js";
import { daemonMessageOf, statusCodeOf } from "./docker-errors.js";
import { createDockerode } from "./dockerode-factory.js";
import { demuxLogs } from "./log-frames.js";

/** A playground node as the host daemon sees it. */
export interface PlaygroundNode {
  readonly env: string;
  readonly node: string;
  readonly container: string;
  readonly id: string;
  readonly state: string;
  /** Its address on the playground's network, where its daemon listens. */
  readonly address: string | undefined;
}

export interface PlaygroundResources {
  readonly containers: readonly { id: string; name: string }[];
  readonly volumes: readonly string[];
  readonly networks: readonly { id: string; name: string }[];
}

/** What a node's own daemon says about itself. */
export interface NodeDaemonInfo {
  readonly version: string;
  readonly swarm: "inactive" | "manager" | "worker" | "pending" | "error";
}

/** The host daemon's side of the playground: everything is found by its label, never by name alone. */
export interface PlaygroundHost {
  nodes(env?: string): Promise<PlaygroundNode[]>;
  resources(env?: string): Promise<PlaygroundResources>;
  imageExists(ref: string): Promise<boolean>;
  nameTaken(kind: "container" | "volume" | "network", name: string): Promise<boolean>;
  createNetwork(name: string, labels: Readonly<Record<string, string>>): Promise<void>;
  createVolume(name: string, labels: Readonly<Record<string, string>>): Promise<void>;
  /** Creates and starts; a refusal rejects with the daemon's message. */
  startNode(name: string, body: Record<string, unknown>): Promise<string>;
  /** The capability bounding set (hex) of the daemon's host, read by a short-lived container in its PID namespace. */
  boundingSet(image: string, labels: Readonly<Record<string, string>>): Promise<string | undefined>;
  removeContainer(id: string): Promise<void>;
  removeVolume(name: string): Promise<void>;
  removeNetwork(id: string): Promise<void>;
  /** `docker save` of these images, as a tar stream. */
  saveImages(refs: readonly string[]): Promise<NodeJS.ReadableStream>;
  /** The last lines a container printed: why a node's daemon did not come up. */
  logTail(id: string, lines: number): Promise<string>;
  /** An interactive shell in the container, as `docker exec -it ID sh`; resolves to its exit code. */
  shell(id: string, terminal: ShellTerminal): Promise<number>;
}

export interface ShellTerminal {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
}

export function createPlaygroundHost(docker: Dockerode): PlaygroundHost {
  const byLabel = (env?: string) => ({ label: [env ? `${ENV_LABEL}=${env}` : ENV_LABEL] });
  const ignoreMissing = (error: unknown) => {
    if (statusCodeOf(error) !== 404) throw error;
  };
  return {
    nodes: async (env) => {
      const containers = await docker.listContainers({
        all: true,
        filters: { ...byLabel(env), label: [...byLabel(env).label, NODE_LABEL] },
      });
      return containers
        .map((c) => ({
          env: c.Labels[ENV_LABEL] ?? "",
          node: c.Labels[NODE_LABEL] ?? "",
          container: (c.Names[0] ?? "").replace(/^\//, ""),
          id: c.Id,
          state: c.State,
          address: Object.values(c.NetworkSettings?.Networks ?? {})[0]?.IPAddress || undefined,
        }))
        .sort((a, b) => a.env.localeCompare(b.env) || a.node.localeCompare(b.node, undefined, { numeric: true }));
    },
    resources: async (env) => {
      const filters = byLabel(env);
      const [containers, volumes, networks] = await Promise.all([
        docker.listContainers({ all: true, filters }),
        docker.listVolumes({ filters }),
        docker.listNetworks({ filters }),
      ]);
      return {
        containers: containers.map((c) => ({ id: c.Id, name: (c.Names[0] ?? "").replace(/^\//, "") })),
        volumes: (volumes.Volumes ?? []).map((v) => v.Name),
        networks: networks.map((n) => ({ id: n.Id, name: n.Name })),
      };
    },
    imageExists: (ref) =>
      docker
        .getImage(ref)
        .inspect()
        .then(
          () => true,
          (error: unknown) => {
            ignoreMissing(error);
            return false;
          },
        ),
    nameTaken: async (kind, name) => {
      const inspect =
        kind === "container"
          ? docker.getContainer(name).inspect()
          : kind === "volume"
            ? docker.getVolume(name).inspect()
            : docker.getNetwork(name).inspect();
      return inspect.then(
        () => true,
        (error: unknown) => {
          ignoreMissing(error);
          return false;
        },
      );
    },
    createNetwork: async (name, labels) => {
      await docker.createNetwork({ Name: name, Driver: "bridge", CheckDuplicate: true, Labels: { ...labels } });
    },
    createVolume: async (name, labels) => {
      await docker.createVolume({ Name: name, Labels: { ...labels } });
    },
    startNode: async (name, body) => {
      const container = await docker
        .createContainer({ ...body, name } as Dockerode.ContainerCreateOptions)
        .catch((error: unknown) => Promise.reject(new Error(daemonMessageOf(error))));
      try {
        await container.start();
      } catch (error) {
        await container.remove({ force: true, v: false }).catch(() => undefined);
        throw new Error(daemonMessageOf(error));
      }
      return container.id;
    },
    boundingSet: async (image, labels) => {
      const container = await docker.createContainer({
        Image: image,
        Entrypoint: ["cat", "/proc/1/status"],
        Labels: { ...labels, "docker-tutor.purpose": "env-probe" },
        HostConfig: { PidMode: "host" },
      });
      try {
        const exited = container.wait({ condition: "next-exit" }) as Promise<{ StatusCode: number }>;
        await container.start();
        await exited;
        const logs = (await container.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer;
        return /^CapBnd:\s*([0-9a-f]+)$/m.exec(demuxLogs(logs).stdout)?.[1];
      } catch {
        return undefined;
      } finally {
        await container.remove({ force: true }).catch(() => undefined);
      }
    },
    removeContainer: (id) => docker.getContainer(id).remove({ force: true, v: true }).catch(ignoreMissing),
    removeVolume: (name) => docker.getVolume(name).remove().catch(ignoreMissing),
    removeNetwork: (id) => docker.getNetwork(id).remove().catch(ignoreMissing),
    logTail: async (id, lines) => {
      const logs = (await docker.getContainer(id).logs({ stdout: true, stderr: true, follow: false, tail: lines })) as unknown as Buffer;
      const { stdout, stderr } = demuxLogs(logs);
      return `${stdout}${stderr}`.trim();
    },
    shell: async (id, { stdin, stdout }) => {
      // the node's container sets PS1 (`node2 $ `), and an exec inherits its environment
      const exec = await docker.getContainer(id).exec({
        Cmd: ["sh"],
        AttachStdin: true,
        AttachStdout: true,
        AttachStderr: true,
        Tty: true,
      });
      const socket = (await exec.start({ hijack: true, stdin: true, Tty: true })) as unknown as NodeJS.ReadWriteStream;
      const resize = () => void exec.resize({ h: stdout.rows, w: stdout.columns }).catch(() => undefined);
      resize();
      stdout.on("resize", resize);
      stdin.setRawMode(true);
      stdin.resume();
      stdin.pipe(socket);
      socket.pipe(stdout, { end: false });
      await new Promise<void>((resolve) => {
        socket.once("end", resolve);
        socket.once("close", resolve);
        socket.once("error", () => resolve());
      });
      stdin.unpipe(socket);
      stdin.setRawMode(false);
      stdin.pause();
      stdout.off("resize", resize);
      return ((await exec.inspect()) as { ExitCode: number | null }).ExitCode ?? 0;
    },
    saveImages: (refs) =>
      new Promise((resolve, reject) => {
        // docker-modem repeats the key for a list: names=a&names=b
        docker.modem.dial(
          { path: "/images/get?", method: "GET", options: { names: [...refs] }, isStream: true, statusCodes: { 200: true } },
          (error, stream) => (error ? reject(error) : resolve(stream as NodeJS.ReadableStream)),
        );
      }),
  };
}

/** A node's own daemon, reached at its address on the playground's network. */
export interface NodeDaemon {
  info(): Promise<NodeDaemonInfo>;
  loadImages(tar: NodeJS.ReadableStream): Promise<void>;
}

export async function nodeDaemon(address: string): Promise<NodeDaemon> {
  const endpoint = { host: `tcp://${address}:${NODE_DAEMON_PORT}`, source: "the playground", tls: undefined, explicit: true };
  const docker = await createDockerode(endpoint, {});
  return {
    info: async () => {
      const [version, info] = await Promise.all([
        docker.version(),
        docker.info() as Promise<{ Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean } }>,
      ]);
      const state = info.Swarm?.LocalNodeState ?? "inactive";
      const swarm =
        state === "active"
          ? info.Swarm?.ControlAvailable
            ? "manager"
            : "worker"
          : state === "pending" || state === "error"
            ? state
            : "inactive";
      return { version: version.Version, swarm };
    },
    loadImages: async (tar) => {
      const response = (await docker.loadImage(tar as NodeJS.ReadableStream, { quiet: true })) as NodeJS.ReadableStream;
      let text = "";
      for await (const chunk of response) text += String(chunk);
      const failure = /"error(?:Detail)?"\s*:\s*(?:\{"message":)?"([^"]+)"/.exec(text);
      if (failure) throw new Error(failure[1]);
    },
  };
}
