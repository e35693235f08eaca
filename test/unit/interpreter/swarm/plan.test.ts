import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { callLine } from "../../../../src/docker/interpreter/api-call.js";
import { interpret, planLine } from "../../../../src/docker/interpreter/interpret.js";

const dir = mkdtempSync(join(tmpdir(), "dtt-swarm-plan-"));
writeFileSync(join(dir, "stack.yml"), "services:\n  web:\n    image: nginx\n  worker:\n    image: alpine\n    command: sleep 1d\n");
writeFileSync(join(dir, "bad.yml"), "services:\n  web:\n    image: nginx\n    volumes: [data:/data]\n");
const env = { vars: { HOME: "/root" }, cwd: dir };

const plan = (line: string): string[] | string => {
  const planned = planLine(line, env);
  return planned.ok ? planned.calls.map(callLine) : planned.problem;
};
const enc = encodeURIComponent;
const json = (value: unknown) => enc(JSON.stringify(value));
const converge = (id = "%7Bid%7D") => [
  `GET /services/${id}?insertDefaults=false`,
  `GET /tasks?filters=${json({ "_up-to-date": { true: true }, service: { "{id}": true } })}`,
];
const stackLabel = (stack: string) => json({ label: { [`com.docker.stack.namespace=${stack}`]: true } });

describe("swarm commands: the requests each line plans", () => {
  it.each<[string, string[]]>([
    ["docker swarm init", ["POST /swarm/init", "GET /nodes/%7Bnode%20id%7D", "GET /swarm"]],
    ["docker swarm init --advertise-addr 10.0.0.5", ["POST /swarm/init", "GET /nodes/%7Bnode%20id%7D", "GET /swarm"]],
    ["docker swarm leave", ["POST /swarm/leave"]],
    ["docker swarm leave --force", ["POST /swarm/leave?force=1"]],
    ["docker swarm join-token -q worker", ["GET /swarm"]],
    ["docker swarm join-token manager", ["GET /swarm", "GET /info", "GET /nodes/%7Bnode%20id%7D"]],
    ["docker node ls", ["GET /nodes", "GET /info"]],
    ["docker node list -q", ["GET /nodes"]],
    ["docker node inspect self", ["GET /info", "GET /nodes/%7Bthis%20node's%20id%7D"]],
    ["docker node inspect abc --format '{{.Status.State}}'", ["GET /nodes/abc"]],
    [
      "docker service create --name web --replicas 2 nginx",
      ["GET /distribution/nginx:latest/json", "POST /services/create", ...converge()],
    ],
    [
      "docker service create -d --name web --network overnet alpine sleep 1d",
      ["GET /networks/overnet?scope=swarm", "GET /distribution/alpine:latest/json", "POST /services/create"],
    ],
    ["docker service ls", ["GET /services?status=true"]],
    ["docker service ls --filter name=web", [`GET /services?filters=${json({ name: { web: true } })}&status=true`]],
    ["docker service inspect web", ["GET /services/web?insertDefaults=true"]],
    ["docker service rm web api", ["DELETE /services/web", "DELETE /services/api"]],
    ["docker service scale -d web=3", ["GET /services/web?insertDefaults=false", "POST /services/%7Bid%7D/update?version=%7Bversion%7D"]],
    [
      "docker service update -d --image busybox web",
      [
        "GET /services/web?insertDefaults=false",
        "GET /distribution/busybox:latest/json",
        "POST /services/%7Bid%7D/update?registryAuthFrom=spec&version=%7Bversion%7D",
      ],
    ],
    ["docker stack ls", [`GET /services?filters=${json({ label: { "com.docker.stack.namespace": true } })}`]],
    ["docker stack services demo", [`GET /services?filters=${stackLabel("demo")}&status=true`]],
    [
      "docker stack deploy -c stack.yml demo",
      [
        "GET /info",
        `GET /networks?filters=${stackLabel("demo")}`,
        "POST /networks/create",
        `GET /services?filters=${stackLabel("demo")}`,
        "GET /distribution/nginx:latest/json",
        "POST /services/create",
        "GET /distribution/alpine:latest/json",
        "POST /services/create",
      ],
    ],
  ])("%s", (line, calls) => {
    expect(plan(line)).toEqual(calls);
  });

  it.each<[string, RegExp]>([
    ["docker service create", /requires at least 1 argument/],
    ["docker service create --limit-cpu 1 alpine", /unknown flag: --limit-cpu/],
    ["docker service create --mode global --replicas 2 alpine", /replicas can only be used with replicated/],
    ["docker service create -p 8080-8081:80 alpine", /port ranges/],
    ["docker service create -p mode=bridge,target=80 alpine", /invalid publish mode value \(bridge\)/],
    ["docker service create -p published=80 alpine", /missing mandatory field "target"/],
    ["docker service scale web", /invalid scale specifier 'web'/],
    ["docker swarm join-token boss", /^unknown role boss$/],
    ["docker stack deploy demo", /Please specify a Compose file/],
    ["docker stack deploy -c missing.yml demo", /no such file or directory/],
    ["docker stack deploy -c bad.yml demo", /services\.web\.volumes is outside the compose subset/],
    ["docker node inspect --pretty self", /does not print --pretty/],
    ["docker swarm update --autolock", /is not something the built-in interpreter runs/],
  ])("%s is refused: %s", (line, problem) => {
    const result = plan(line);
    expect(typeof result).toBe("string");
    expect(result).toMatch(problem);
  });

  it("a role error exits 1 like the CLI; a flag error 125", () => {
    const role = interpret("docker swarm join-token boss", env);
    const flag = interpret("docker service ls --bogus", env);
    expect(role.ok ? undefined : role.exitCode).toBe(1);
    expect(flag.ok ? undefined : (flag.exitCode ?? 125)).toBe(125);
  });
});

describe("what service create sends", () => {
  const body = (line: string) => {
    const planned = planLine(line, env);
    if (!planned.ok) throw new Error(planned.problem);
    return planned.calls.find((c) => c.path === "/services/create")?.body as Record<string, unknown>;
  };

  it("matches the CLI's spec: args, env, replicas, host-mode port, networks by id", () => {
    expect(
      body(
        "docker service create -d --name web --network overnet -e A=1 --replicas 2 -p mode=host,target=80,published=8080 alpine sleep 1d",
      ),
    ).toEqual({
      Name: "web",
      Labels: {},
      TaskTemplate: {
        ContainerSpec: { Image: "alpine:latest@{digest}", Args: ["sleep", "1d"], Env: ["A=1"], Init: false, DNSConfig: {} },
        Resources: { Limits: {}, Reservations: {} },
        Placement: {},
        Networks: [{ Target: "{id of overnet}" }],
        ForceUpdate: 0,
      },
      Mode: { Replicated: { Replicas: 2 } },
      EndpointSpec: { Mode: "vip", Ports: [{ Protocol: "tcp", TargetPort: 80, PublishedPort: 8080, PublishMode: "host" }] },
    });
  });

  it("global mode, ingress ports, default replicas", () => {
    expect(body("docker service create --mode global -p 8080:80 -p 53/udp nginx")).toMatchObject({
      Mode: { Global: {} },
      EndpointSpec: {
        Ports: [
          { Protocol: "tcp", TargetPort: 80, PublishedPort: 8080, PublishMode: "ingress" },
          { Protocol: "udp", TargetPort: 53, PublishMode: "ingress" },
        ],
      },
    });
    expect(body("docker service create nginx")).toMatchObject({ Mode: { Replicated: {} }, EndpointSpec: { Mode: "vip" } });
  });
});
