import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mustShell, shell } from "../helpers/docker-cli.js";
import { engineJson, requireDaemon, uniqueName } from "../helpers/engine-api.js";
import { CLI, runCli, startCli } from "../helpers/run-cli.js";
import { openTerminal, type Terminal } from "../helpers/tmux.js";

/**
 * The multi-node playground against the real daemon: two Docker-in-Docker nodes come up with the
 * lesson images in them, form a swarm whose 2-replica service puts a task on each node and whose
 * tasks reach each other over an overlay network; `env shell` is a terminal on a node; `env down`
 * leaves no container, volume or network of the playground, and touches nothing else.
 */
const name = uniqueName("pg").toLowerCase().slice(0, 24);
const labelled = `label=docker-tutor.env=${name}`;
let terminal: Terminal | undefined;

const onNode = (node: string, command: string) => mustShell(`docker exec ${name}-${node} ${command}`).then((out) => out.trim());

beforeAll(async () => {
  await requireDaemon();
  // The node image comes through the registry mirror (scripts/docker-sandbox.sh builds a stand-in).
  await mustShell("docker pull -q docker:dind");
}, 120_000);

afterAll(async () => {
  terminal?.kill();
  await shell(
    `docker rm -f -v $(docker ps -aq --filter ${labelled}) 2>/dev/null; docker volume rm $(docker volume ls -q --filter ${labelled}) 2>/dev/null; docker network rm $(docker network ls -q --filter ${labelled}) 2>/dev/null`,
  );
});

describe("docker-tutor env", () => {
  it("up: two nodes on their own network, each daemon answering, the lesson images copied in; ls lists them", async () => {
    const foreign = await mustShell(`docker run -d --name ${name}-foreign alpine sleep 600`).then((o) => o.trim());
    try {
      const up = await runCli(["env", "up", "--nodes", "2", "--name", name]);
      expect(up.code, up.stdout + up.stderr).toBe(0);
      expect(up.stdout).toMatch(/Copied \d+ lesson images? into each node in [\d.]+ s/);
      expect(up.stdout).toMatch(new RegExp(`node1 +${name}-node1 +\\d+\\.\\d+\\.\\d+\\.\\d+ +running +\\S+ +inactive\\n`));
      expect(up.stdout).toMatch(new RegExp(`The playground ${name} is up in [\\d.]+ s\\.`));
      // Published on the host's loopback only, and only the TLS port.
      const ports = await engineJson<{ Ports: { IP?: string; PrivatePort: number; PublicPort?: number }[] }[]>(
        `/containers/json?filters=${encodeURIComponent(JSON.stringify({ label: [`docker-tutor.env=${name}`] }))}`,
      );
      expect(ports).toHaveLength(2);
      const published = ports.flatMap((c) => c.Ports).filter((p) => p.PublicPort);
      expect(published.map((p) => [p.IP, p.PrivatePort])).toEqual([
        ["127.0.0.1", 2376],
        ["127.0.0.1", 2376],
      ]);
      // How to reach node1 from this terminal, with the certificates env up kept.
      expect(up.stdout).toMatch(/export DOCKER_HOST=tcp:\/\/127\.0\.0\.1:\d+ DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=\S+node1/);
      expect(await onNode("node1", "docker image ls --format '{{.Repository}}:{{.Tag}}'")).toContain("alpine:latest");

      const again = await runCli(["env", "up", "--nodes", "2", "--name", name]);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain(`The playground ${name} is already up with 2 nodes`);

      const ls = await runCli(["env", "ls", "--json"]);
      const nodes = (JSON.parse(ls.stdout) as { env: string; node: string; daemon: { swarm: string; version: string } | null }[]).filter(
        (n) => n.env === name,
      );
      expect(nodes.map((n) => [n.node, n.daemon?.swarm])).toEqual([
        ["node1", "inactive"],
        ["node2", "inactive"],
      ]);
      expect(await mustShell(`docker inspect -f '{{.State.Status}}' ${foreign}`)).toContain("running");
    } finally {
      await shell(`docker rm -f ${foreign}`);
    }
  }, 180_000);

  it("the nodes form a swarm: both Ready, one task per node, tasks reach each other across the overlay", async () => {
    const address = await onNode("node1", "hostname -i").then((a) => a.split(/\s+/)[0] ?? "");
    await onNode("node1", `docker swarm init --advertise-addr ${address}`);
    const token = await onNode("node1", "docker swarm join-token -q worker");
    await onNode("node2", `docker swarm join --token ${token} ${address}:2377`);
    expect(await onNode("node1", "docker node ls --format '{{.Hostname}} {{.Status}}'")).toBe("node1 Ready\nnode2 Ready");
    await onNode("node1", "docker network create -d overlay --attachable across");
    await onNode("node1", "docker service create -d -q --name pair --replicas 2 --network across --endpoint-mode dnsrr alpine sleep 600");
    let placed = "";
    for (let i = 0; i < 60 && !/node1 Running[\s\S]*node2 Running|node2 Running[\s\S]*node1 Running/.test(placed); i++) {
      await new Promise((r) => setTimeout(r, 500));
      placed = await onNode("node1", "docker service ps pair --format '{{.Node}} {{.CurrentState}}'");
    }
    expect(placed).toMatch(/node1 Running/);
    expect(placed).toMatch(/node2 Running/);
    const onNode2 = await onNode("node2", "docker ps -q --filter name=pair");
    const peer = await onNode("node2", `docker inspect -f '{{(index .NetworkSettings.Networks "across").IPAddress}}' ${onNode2}`);
    const onNode1 = await onNode("node1", "docker ps -q --filter name=pair");
    expect(await onNode("node1", `docker exec ${onNode1} ping -c 1 -W 2 ${peer}`)).toContain("1 packets received");
    const ls = await runCli(["env", "ls"]);
    expect(ls.stdout).toMatch(new RegExp(`node1 +${name}-node1 .* manager\\n`));
    expect(ls.stdout).toMatch(new RegExp(`node2 +${name}-node2 .* worker\\n`));
  }, 120_000);

  it("shell: a terminal on the node, where docker is that node's daemon; without a terminal, one sentence", async () => {
    terminal = openTerminal(
      `${name}-tty`,
      `NO_COLOR=1 ${process.execPath} ${CLI} env shell node2 --name ${name}; echo "EXIT=$?"; sleep 30`,
    );
    await terminal.waitForScreen(/node2 \$ $/m);
    terminal.send("docker info --format '{{.Name}} {{.Swarm.LocalNodeState}}'", "Enter");
    await terminal.waitForScreen(/^node2 active$/m);
    terminal.send("exit 3", "Enter");
    await terminal.waitForScreen(/EXIT=3/);

    const piped = await runCli(["env", "shell", "node2", "--name", name]);
    expect(piped.code).toBe(2);
    expect(piped.stderr).toContain(`env shell needs a terminal, and this is not one.`);
    expect(piped.stderr).toContain(`docker exec ${name}-node2 docker info`);
  }, 60_000);

  it("down: removes exactly the nodes, their volumes and the network, found by label", async () => {
    const down = await runCli(["env", "down", "--name", name]);
    expect(down.code).toBe(0);
    expect(down.stdout).toContain(`The playground ${name} is gone: 5 removed.`);
    for (const kind of ["ps -a", "volume ls", "network ls"]) {
      expect(await mustShell(`docker ${kind} -q --filter ${labelled}`)).toBe("");
    }
    const twice = await runCli(["env", "down", "--name", name]);
    expect(twice.stdout).toContain(`No playground named ${name} is here: nothing to remove.`);
  }, 60_000);

  it("Ctrl-C during up removes the nodes made so far; nothing of the playground is left", async () => {
    const other = `${name}-int`;
    const up = startCli(["env", "up", "--nodes", "3", "--name", other]);
    await up.waitFor(/Starting 3 nodes/);
    up.child.kill("SIGINT");
    const result = await up.done;
    expect(result.code).toBe(130);
    expect(result.stdout).toContain("Stopping: removing the nodes made so far");
    for (const kind of ["ps -a", "volume ls", "network ls"]) {
      expect(await mustShell(`docker ${kind} -q --filter label=docker-tutor.env=${other}`)).toBe("");
    }
  }, 60_000);
});
