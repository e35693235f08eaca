import { describe, expect, it } from "vitest";
import { callLine } from "../../../../src/docker/interpreter/api-call.js";
import { changedNodeSpec } from "../../../../src/docker/interpreter/commands/swarm/node-update.js";
import { listenAddress } from "../../../../src/docker/interpreter/commands/swarm/swarm-join.js";
import { interpret, planLine } from "../../../../src/docker/interpreter/interpret.js";

const env = { vars: { HOME: "/root" }, cwd: "/" };

const planned = (line: string) => {
  const result = planLine(line, env);
  if (!result.ok) throw new Error(result.problem);
  return result.calls;
};
const refusal = (line: string) => {
  const result = interpret(line, env);
  if (result.ok) throw new Error(`${line} was not refused`);
  return result;
};

describe("docker swarm join", () => {
  it("plans the join, then GET /info for the role", () => {
    expect(planned("docker swarm join --token T 10.0.0.1:2377").map(callLine)).toEqual(["POST /swarm/join", "GET /info"]);
  });

  it.each<[string, unknown]>([
    [
      "docker swarm join --token SWMTKN-1-abc 10.0.0.1:2377",
      {
        ListenAddr: "0.0.0.0:2377",
        AdvertiseAddr: "",
        DataPathAddr: "",
        RemoteAddrs: ["10.0.0.1:2377"],
        JoinToken: "SWMTKN-1-abc",
        Availability: "",
      },
    ],
    [
      "docker swarm join --listen-addr :4000 --advertise-addr 10.0.0.9 --availability DRAIN 10.0.0.1:2377",
      {
        ListenAddr: "0.0.0.0:4000",
        AdvertiseAddr: "10.0.0.9",
        DataPathAddr: "",
        RemoteAddrs: ["10.0.0.1:2377"],
        JoinToken: "",
        Availability: "drain",
      },
    ],
  ])("%s sends the CLI's JoinRequest", (line, body) => {
    expect(planned(line)[0]?.body).toEqual(body);
  });

  it.each<[string, string]>([
    ["", "0.0.0.0:2377"],
    ["10.1.1.1", "10.1.1.1:2377"],
    [":4000", "0.0.0.0:4000"],
    ["10.1.1.1:4000", "10.1.1.1:4000"],
    ["tcp://10.1.1.1", "10.1.1.1:2377"],
    ["eth0", "eth0:2377"],
    ["[::1]", "[::1]:2377"],
  ])("--listen-addr %j is %s", (raw, addr) => expect(listenAddress(raw)).toBe(addr));

  it.each<[string, string]>([
    ["docker swarm join", '"docker swarm join" requires exactly 1 argument (HOST:PORT), got 0'],
    ["docker swarm join a:1 b:2", '"docker swarm join" requires exactly 1 argument (HOST:PORT), got 2'],
    ["docker swarm join --availability bogus a:1", 'invalid availability "bogus", only active, pause and drain are supported'],
  ])("%s is refused with exit 1", (line, problem) => {
    expect(refusal(line)).toEqual({ ok: false, problem, exitCode: 1 });
  });
});

describe("docker node update", () => {
  it("plans reading the node, then sending its spec back at that version", () => {
    expect(planned("docker node update --availability drain node2").map(callLine)).toEqual([
      "GET /nodes/node2",
      "POST /nodes/%7Bid%7D/update?version=%7Bversion%7D",
    ]);
  });

  it("says what each change does", () => {
    const update = planned("docker node update --availability drain --role manager --label-add zone=east node2")[1];
    expect(update?.notes).toEqual([
      "version={version}: the node's version when it was read, so two updates cannot overwrite each other",
      "Availability: drain (no tasks here; the swarm moves the running ones to other nodes)",
      "Role: manager (a manager keeps the swarm's state; a worker only runs tasks)",
      "Labels: add zone=east (placement constraints read node.labels)",
    ]);
  });

  it("leaves a wrong availability or role to the daemon, as the CLI does", () => {
    expect(planned("docker node update --availability bogus --role boss node2")).toHaveLength(2);
  });

  it.each(["docker node update", "docker node update a b"])("%s is refused with exit 1", (line) => {
    expect(refusal(line)).toMatchObject({
      problem: expect.stringMatching(/^"docker node update" requires exactly 1 argument/),
      exitCode: 1,
    });
  });

  const spec = { Labels: { zone: "west", ssd: "" }, Role: "worker", Availability: "active" };

  it.each<[string, Parameters<typeof changedNodeSpec>[1], unknown]>([
    ["nothing: labels kept", { labelAdd: [], labelRm: [] }, spec],
    ["availability", { availability: "drain", labelAdd: [], labelRm: [] }, { ...spec, Availability: "drain" }],
    ["role", { role: "manager", labelAdd: [], labelRm: [] }, { ...spec, Role: "manager" }],
    [
      "labels added (k=v, a bare k, a value with =), then removed",
      { labelAdd: ["zone=east", "gpu", "a=x=y"], labelRm: ["ssd"] },
      { ...spec, Labels: { zone: "east", gpu: "", a: "x=y" } },
    ],
  ])("%s", (_name, change, changed) => expect(changedNodeSpec(spec, change)).toEqual(changed));

  it("sends Labels {} where the node has none, as the CLI does", () => {
    expect(changedNodeSpec({ Labels: null, Role: "worker", Availability: "active" }, { labelAdd: [], labelRm: [] })).toEqual({
      Labels: {},
      Role: "worker",
      Availability: "active",
    });
  });

  it("refuses to remove a label the node does not have, in the CLI's words", () => {
    expect(changedNodeSpec(spec, { labelAdd: [], labelRm: ["rack"] })).toEqual({ problem: "key rack doesn't exist in node's labels" });
  });
});
