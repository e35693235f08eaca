import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDockerode } from "../../../src/docker/dockerode-factory.js";
import { dockerodeTransport } from "../../../src/docker/interpreter/dockerode-transport.js";
import { runLine } from "../../../src/docker/interpreter/interpret.js";
import { type DifferentialCase, runBothSides } from "../../helpers/differential.js";
import { shell } from "../../helpers/docker-cli.js";
import { engineJson, requireDaemon } from "../../helpers/engine-api.js";
import { ensureSwarm } from "../checks/daemon-fixtures.js";

/**
 * Swarm mode through the interpreter against the docker CLI: each case runs on both sides with
 * its own names and must leave equal services, networks and (where compared) print alike. The
 * swarm itself is one per daemon: the lifecycle test runs first on a daemon that is not in one,
 * and the cases after it use a swarm this file starts and leaves (one it found is never left).
 */
const base = mkdtempSync(join(tmpdir(), "dtt-swarm-"));
const names = join(base, "names");
const STACK_FILE = join(base, "stack.yml");
const IDLE_STACK_FILE = join(base, "idle-stack.yml");

const STACK = `version: "3.8"
services:
  web:
    image: nginx:alpine
    ports:
      - target: 80
        mode: host
    deploy:
      replicas: 1
  worker:
    image: alpine
    command: sleep 1d
    environment:
      ROLE: worker
      LEVEL: "2"
    deploy:
      replicas: 2
`;
/** No tasks, so listings do not depend on how far the scheduler has got. */
const IDLE_STACK = `services:
  api:
    image: alpine
    command: ["sleep", "1d"]
    deploy:
      replicas: 0
    networks: [back]
  db:
    image: busybox
    deploy:
      replicas: 0
networks:
  back:
    attachable: true
`;

interface Case extends DifferentialCase {
  /** Set when the printed text may differ (progress lines), with lines both sides must print. */
  readonly bothPrint?: readonly RegExp[];
  readonly addresses?: boolean;
}

type Kind = DifferentialCase["compare"][number]["kind"];
const refs = (kind: Kind, ...refNames: string[]) => refNames.map((ref) => ({ kind, ref }));
const service = (...refNames: string[]) => refs("service", ...refNames);
const network = (...refNames: string[]) => refs("network", ...refNames);
const record = `echo {name} >> ${names}`;
const IDLE_SERVICE = "docker service create -d -q --replicas 0 --name {name} alpine sleep 1d >/dev/null";
const ONE_TASK = "docker service create -q --name {name} alpine sleep 1d >/dev/null";
const OVERLAY = "docker network create -d overlay {name} >/dev/null";
const IDLE_STACK_UP = `docker stack deploy -c ${IDLE_STACK_FILE} {name} >/dev/null 2>&1`;
const ANY_ID = /^<swarm-id>$/m;
/** Why `Endpoint` may differ: it is not part of the service spec that was sent. */
const ALLOCATED_LATER = "the swarm's allocator fills in Endpoint after create returns, and nothing here waits for it";
/** Why an overlay network's `Peers` may differ: it lists the nodes once a task attached to it has started there. */
const PEERS_ONCE_A_TASK_RUNS =
  "a network's Peers appear once a task on it starts on the node, and a detached deploy does not wait for that";

const cases: Case[] = [
  {
    line: "docker service create --name {name} --replicas 2 alpine sleep 1d",
    compare: service("{name}"),
    bothPrint: [ANY_ID, /^overall progress: 2 out of 2 tasks$/m, /^verify: Service <swarm-id> converged$/m],
  },
  {
    line: "docker service create -d --name {name} --network {name} -e A=1 --env B=two --publish mode=host,target=80 alpine sleep 1d",
    setup: [OVERLAY],
    compare: service("{name}"),
    explained: { Endpoint: ALLOCATED_LATER },
    bothPrint: [ANY_ID],
  },
  {
    line: "docker service create --detach --name {name} -p 80 -p 53/udp --label team=docs nginx:alpine",
    compare: service("{name}"),
    explained: { Endpoint: "the swarm assigns each side its own free published ports" },
    bothPrint: [ANY_ID],
  },
  { line: "docker service create -d --mode global --name {name} alpine sleep 1d", compare: service("{name}"), bothPrint: [ANY_ID] },
  {
    line: "docker service create -d --name {name} --network {name} --endpoint-mode dnsrr --replicas 2 alpine sleep 1d",
    setup: [OVERLAY],
    compare: service("{name}"),
    explained: { Endpoint: ALLOCATED_LATER },
    bothPrint: [ANY_ID],
  },
  { line: "docker service create -d --name {name} --network {name}-nope alpine", compare: service("{name}") },
  { line: "docker service scale -d {name}=3", setup: [IDLE_SERVICE], compare: service("{name}") },
  {
    line: "docker service scale {name}=1",
    setup: [IDLE_SERVICE],
    compare: service("{name}"),
    bothPrint: [/^\{name\} scaled to 1$/m, /^verify: Service \{name\} converged$/m],
  },
  {
    line: "docker service scale -d {name}=2",
    setup: ["docker service create -d -q --mode global --name {name} alpine sleep 1d"],
    compare: [],
  },
  {
    line: "docker service update --image busybox {name}",
    // `sleep` as PID 1 ignores SIGTERM: the old task would sit out the 10-second stop grace on each side
    setup: ["docker service create -q --stop-grace-period 1s --name {name} alpine sleep 1d >/dev/null"],
    compare: service("{name}"),
    bothPrint: [/^\{name\}$/m, /^verify: Service \{name\} converged$/m],
  },
  { line: "docker service update -d --replicas 3 {name}", setup: [IDLE_SERVICE], compare: service("{name}") },
  { line: "docker service update -d --replicas 1 {name}-nope", compare: [] },
  { line: "docker service ls --filter name={name}", setup: [IDLE_SERVICE], compare: service("{name}") },
  { line: "docker service ps {name}", setup: [ONE_TASK], compare: service("{name}") },
  { line: "docker service ps --filter desired-state=running {name} {name}-nope", setup: [ONE_TASK], compare: [] },
  {
    line: "docker service inspect {name}",
    setup: [IDLE_SERVICE],
    compare: service("{name}"),
    // the printed object holds each side's own id, raft index and times
    bothPrint: [/^ {8}"Spec": \{\n {12}"Name": "\{name\}",$/m, /"StopGracePeriod": 10000000000,$/m, /"Order": "stop-first"$/m],
  },
  {
    line: "docker service inspect --format '{{.Spec.Name}} {{json .Spec.Mode}} {{.Spec.TaskTemplate.ContainerSpec.Args}}' {name}",
    setup: [IDLE_SERVICE],
    compare: [],
  },
  { line: "docker service rm {name} {name}-nope", setup: [IDLE_SERVICE], compare: service("{name}") },
  { line: "docker node ls", compare: [] },
  { line: "docker node inspect --format '{{.Spec.Role}} {{.Spec.Availability}} {{.Status.State}}' self", compare: [] },
  { line: "docker swarm join-token worker", compare: [] },
  { line: "docker swarm join-token -q manager", compare: [] },
  { line: "docker swarm join-token boss", compare: [] },
  {
    line: `docker stack deploy -c ${STACK_FILE} {name}`,
    compare: [...service("{name}_web", "{name}_worker"), ...network("{name}_default")],
    explained: { Endpoint: ALLOCATED_LATER, Peers: PEERS_ONCE_A_TASK_RUNS },
    addresses: true,
    bothPrint: [/^Creating network \{name\}_default$/m, /^Creating service \{name\}_web$/m, /^Creating service \{name\}_worker$/m],
  },
  {
    line: `docker stack deploy --compose-file ${IDLE_STACK_FILE} {name}`,
    setup: [IDLE_STACK_UP],
    compare: [...service("{name}_api", "{name}_db"), ...network("{name}_back")],
    explained: { Endpoint: ALLOCATED_LATER },
    addresses: true,
    // the CLI walks the services in Go's map order, which changes from run to run
    bothPrint: [/^Updating service \{name\}_api \(id: <swarm-id>\)$/m, /^Updating service \{name\}_db \(id: <swarm-id>\)$/m],
  },
  { line: "docker stack ls", setup: [IDLE_STACK_UP], compare: [], bothPrint: [/^\{name\} +2$/m] },
  { line: "docker stack services {name}", setup: [IDLE_STACK_UP], compare: [] },
  { line: "docker stack services {name}", compare: [] },
  { line: "docker stack ps {name}", setup: [IDLE_STACK_UP], compare: [] },
  {
    line: "docker stack rm {name}",
    setup: [IDLE_STACK_UP],
    compare: service("{name}_api", "{name}_db"),
    // networks come in the daemon's list order, which is not stable; services are sorted by name
    bothPrint: [
      /^Removing service \{name\}_api\nRemoving service \{name\}_db\n/,
      /^Removing network \{name\}_back$/m,
      /^Removing network \{name\}_default$/m,
    ],
  },
  { line: "docker stack rm {name}", compare: [] },
];

/** Ages, short ids and the column widths that follow them may differ; nothing else. */
function comparable(text: string): string {
  return text
    .replace(/(Less than a second|\d+ seconds?|About a minute|\d+ minutes) ago/g, "<ago>")
    .replace(/^[a-z0-9]{12}(?= )/gm, "<short-id>")
    .replace(/dtt-(cli|int)-/g, "dtt-side-")
    .replace(/ {2,}/g, "  ");
}

/** Each side's overlay network gets its own subnet and VXLAN id. */
const addressesOf = (value: unknown): unknown =>
  JSON.parse(
    JSON.stringify(value)
      .replace(/\b\d+\.\d+\.\d+\.\d+(\/\d+)?/g, "<ip>")
      .replace(/vxlanid_list":"\d+"/g, 'vxlanid_list":"<vxlan>"'),
  );
let leaveSwarm: () => Promise<void> = async () => {};

beforeAll(async () => {
  await requireDaemon();
  writeFileSync(STACK_FILE, STACK);
  writeFileSync(IDLE_STACK_FILE, IDLE_STACK);
  writeFileSync(names, "");
});

afterAll(async () => {
  const sides = readFileSync(names, "utf8").split("\n").filter(Boolean);
  for (const name of new Set(sides)) {
    await shell(`docker stack rm ${name} >/dev/null 2>&1; docker service rm ${name} >/dev/null 2>&1; true`);
  }
  // Every side's tasks stop at once: one deadline for all of them, not one each (that outlasted the hook).
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const lists = [...new Set(sides)].map(
      (name) => `docker ps -aq --filter label=com.docker.swarm.service.name=${name}; docker ps -aq --filter name=${name}_`,
    );
    if ((await shell(lists.join("; "))).output.trim() === "") break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  for (const name of new Set(sides))
    await shell(`docker network ls -q --filter name=${name} | xargs -r docker network rm >/dev/null 2>&1; true`);
  await leaveSwarm();
  rmSync(base, { recursive: true, force: true });
}, 180_000);

async function interpret(line: string): Promise<{ code: number; output: string }> {
  const docker = await createDockerode({ host: "unix:///var/run/docker.sock", source: "test", tls: undefined, explicit: true }, {});
  (docker.modem as { version?: string }).version = "v1.41";
  let output = "";
  const sink = new Writable({
    write(chunk, _encoding, done) {
      output += String(chunk);
      done();
    },
  });
  const code = await runLine(line, { vars: {}, cwd: base }, dockerodeTransport(docker), { stdout: sink, stderr: sink, cwd: base });
  return { code, output };
}

/** The swarm's settings without what each init makes anew (ids, times, certificates, tokens). */
async function swarmSettings(): Promise<unknown> {
  const swarm = await engineJson<Record<string, unknown>>("/swarm");
  const { ID: _id, Version: _version, CreatedAt: _created, UpdatedAt: _updated, TLSInfo: _tls, JoinTokens: _tokens, ...rest } = swarm;
  return rest;
}

const withoutIds = (text: string) => text.replace(/\b[a-z0-9]{25}\b/g, "<node-id>").replace(/SWMTKN-[\w-]+/g, "<token>");

describe("the interpreter against the docker CLI: swarm, nodes, services, stacks", () => {
  it("swarm init, then leave without and with --force: same output, same exit codes, same swarm", async () => {
    const state = (await engineJson<{ Swarm: { LocalNodeState: string } }>("/info")).Swarm.LocalNodeState;
    expect(state, "this test needs a daemon that is not part of a swarm (CI's is not)").toBe("inactive");
    const lines = ["docker swarm init --advertise-addr 127.0.0.1", "docker swarm leave", "docker swarm leave --force"];
    const run = async (side: (line: string) => Promise<{ code: number; output: string }>) => {
      const results: { code: number; output: string }[] = [];
      let settings: unknown;
      for (const line of lines) {
        results.push(await side(line));
        if (line.includes("init")) settings = await swarmSettings();
      }
      return { results: results.map((r) => ({ code: r.code, output: withoutIds(r.output) })), settings };
    };
    const cli = await run((line) => shell(line));
    const ours = await run(interpret);
    expect(ours).toEqual(cli);
    expect(cli.results.map((r) => r.code)).toEqual([0, 1, 0]);
    expect(cli.results[0]?.output).toContain("Swarm initialized: current node (<node-id>) is now a manager.");
  }, 120_000);

  describe("in a swarm", () => {
    beforeAll(async () => {
      leaveSwarm = (await ensureSwarm()).leave;
    }, 60_000);

    it.each(cases)(
      "$line",
      async (raw) => {
        const c = { ...raw, setup: [record, ...(raw.setup ?? [])] };
        const { cli, interpreter, cleanup } = await runBothSides(c);
        try {
          expect(interpreter.exitCode).toBe(cli.exitCode);
          const inspected = (side: { inspected: unknown[] }) => addressesOf(side.inspected);
          expect(inspected(interpreter)).toEqual(inspected(cli));
          for (const line of c.bothPrint ?? [])
            expect([cli.output, interpreter.output]).toEqual([expect.stringMatching(line), expect.stringMatching(line)]);
          if (c.bothPrint === undefined) expect(comparable(interpreter.output)).toBe(comparable(cli.output));
        } finally {
          await cleanup();
        }
      },
      120_000,
    );
  });
});
