import { describe, expect, it } from "vitest";
import { isRefusal } from "../../../../src/docker/interpreter/command.js";
import { planStack } from "../../../../src/docker/interpreter/commands/swarm/compose-file.js";
import { nodesTable } from "../../../../src/docker/interpreter/commands/swarm/node-ls.js";
import type { SwarmService, SwarmTask } from "../../../../src/docker/interpreter/commands/swarm/service-calls.js";
import { displayImage, parsePublish, pinnedImage } from "../../../../src/docker/interpreter/commands/swarm/service-spec.js";
import { servicesTable, tasksTable } from "../../../../src/docker/interpreter/commands/swarm/service-table.js";
import { stacksTable } from "../../../../src/docker/interpreter/commands/swarm/stack-ls.js";

describe("--publish as a service reads it", () => {
  it.each<[string, unknown]>([
    ["8080:80", { Protocol: "tcp", TargetPort: 80, PublishedPort: 8080, PublishMode: "ingress" }],
    ["80", { Protocol: "tcp", TargetPort: 80, PublishMode: "ingress" }],
    ["5353:53/udp", { Protocol: "udp", TargetPort: 53, PublishedPort: 5353, PublishMode: "ingress" }],
    ["mode=host,target=80,published=8080", { Protocol: "tcp", TargetPort: 80, PublishedPort: 8080, PublishMode: "host" }],
    ["published=8080,target=80,protocol=udp", { Protocol: "udp", TargetPort: 80, PublishedPort: 8080, PublishMode: "ingress" }],
  ])("%s", (value, port) => expect(parsePublish(value)).toEqual(port));

  it.each(["127.0.0.1:8080:80", "x:80", "target=99999", "mode=host"])("%s is refused", (value) => {
    expect(isRefusal(parsePublish(value))).toBe(true);
  });
});

describe("images pinned and shown as the CLI does", () => {
  it.each<[string, string | undefined, string]>([
    ["alpine", "sha256:abc", "alpine:latest@sha256:abc"],
    ["nginx:alpine", "sha256:abc", "nginx:alpine@sha256:abc"],
    ["127.0.0.1:5000/web:1", "sha256:abc", "127.0.0.1:5000/web:1@sha256:abc"],
    ["alpine", undefined, "alpine"],
  ])("%s + %s → %s", (image, digest, pinned) => expect(pinnedImage(image, digest)).toBe(pinned));

  it.each<[string, string]>([
    ["alpine:latest@sha256:626a60b78e9a6c098924b23f3c810046cf15062fc682fa3ff76e6cd74ae5150c", "alpine:latest"],
    ["docker.io/library/nginx:alpine", "nginx:alpine"],
    ["alpine", "alpine"],
  ])("%s shows as %s", (image, shown) => expect(displayImage(image)).toBe(shown));
});

describe("a compose file becomes the CLI's networks and services", () => {
  const text = `version: "3.8"
services:
  worker:
    image: alpine
    command: sleep 1d
    environment: { B: "2", A: one }
    deploy: { replicas: 2 }
  web:
    image: nginx:alpine
    ports: ["8080:80", { target: 443, published: 8443, mode: host }]
    networks: [front]
networks:
  front:
    attachable: true
`;

  it("names everything after the stack and labels it", () => {
    const plan = planStack(text, "demo");
    if (isRefusal(plan)) throw new Error(plan.problem);
    expect(plan.networks.map((n) => n.name)).toEqual(["demo_front", "demo_default"]);
    expect(plan.networks[0]?.body).toMatchObject({ Driver: "overlay", Attachable: true, Labels: { "com.docker.stack.namespace": "demo" } });
    expect(plan.services.map((s) => s.name)).toEqual(["demo_web", "demo_worker"]);
    const worker = plan.services[1]?.spec("alpine:latest@sha256:x", [{ Architecture: "amd64", OS: "linux" }]);
    expect(worker).toEqual({
      Name: "demo_worker",
      Labels: { "com.docker.stack.image": "alpine", "com.docker.stack.namespace": "demo" },
      TaskTemplate: {
        ContainerSpec: {
          Image: "alpine:latest@sha256:x",
          Labels: { "com.docker.stack.namespace": "demo" },
          Args: ["sleep", "1d"],
          Env: ["A=one", "B=2"],
          Privileges: { CredentialSpec: null, SELinuxContext: null, NoNewPrivileges: false },
        },
        Resources: {},
        Placement: { Platforms: [{ Architecture: "amd64", OS: "linux" }] },
        Networks: [{ Target: "demo_default", Aliases: ["worker"] }],
        ForceUpdate: 0,
      },
      Mode: { Replicated: { Replicas: 2 } },
      EndpointSpec: {},
    });
    expect(plan.services[0]?.spec("nginx:alpine", [])).toMatchObject({
      Mode: { Replicated: { Replicas: 1 } },
      EndpointSpec: {
        Ports: [
          { Protocol: "tcp", TargetPort: 80, PublishedPort: 8080, PublishMode: "ingress" },
          { TargetPort: 443, PublishedPort: 8443, PublishMode: "host" },
        ],
      },
    });
  });

  it.each<[string, RegExp]>([
    ["services:\n  web:\n    build: .\n", /services\.web\.build is outside the compose subset/],
    ["services:\n  web:\n    image: nginx\n    networks: [nope]\n", /does not declare/],
    ["services:\n  web:\n    image: nginx\n    deploy: { resources: {} }\n", /deploy\.resources/],
    ["volumes: {}\nservices:\n  web:\n    image: nginx\n", /top-level key volumes/],
    ["services: {}\n", /names no services/],
    ["services:\n  web: [\n", /not valid YAML/],
  ])("refuses what it does not deploy: %#", (compose, problem) => {
    const plan = planStack(compose, "demo");
    expect(isRefusal(plan) ? plan.problem : "accepted").toMatch(problem);
  });
});

const DIGEST = `sha256:${"ab".repeat(32)}`;

describe("listings", () => {
  const service = (name: string, extra: Partial<SwarmService> = {}): SwarmService => ({
    ID: `${name}0123456789abcdefghijklm`.slice(0, 25),
    Version: { Index: 1 },
    Spec: { Name: name, TaskTemplate: { ContainerSpec: { Image: `alpine:latest@${DIGEST}` } }, Mode: { Replicated: { Replicas: 2 } } },
    ServiceStatus: { RunningTasks: 1, DesiredTasks: 2 },
    ...extra,
  });

  it("service ls: by name, replicas running/desired, ingress ports only", () => {
    const web = service("web", {
      Endpoint: {
        Ports: [
          { Protocol: "tcp", TargetPort: 80, PublishedPort: 8080, PublishMode: "ingress" },
          { Protocol: "tcp", TargetPort: 443, PublishedPort: 8443, PublishMode: "host" },
        ],
      },
    });
    expect(servicesTable([web, service("api")]).split("\n")).toEqual([
      "ID             NAME      MODE         REPLICAS   IMAGE           PORTS",
      "api012345678   api       replicated   1/2        alpine:latest   ",
      "web012345678   web       replicated   1/2        alpine:latest   *:8080->80/tcp",
      "",
    ]);
  });

  it("service ps: newest first in a slot, older ones marked \\_", () => {
    const now = Date.parse("2026-01-01T00:01:00Z");
    const task = (id: string, slot: number, created: string, state: string, desired: string): SwarmTask => ({
      ID: `${id}xxxxxxxxxxxxxxxxxxxxxxxx`.slice(0, 25),
      ServiceID: "s",
      NodeID: "n",
      Slot: slot,
      CreatedAt: created,
      DesiredState: desired,
      Spec: { ContainerSpec: { Image: `busybox:latest@${DIGEST}` } },
      Status: { Timestamp: created, State: state },
    });
    const table = tasksTable(
      [
        task("old1", 1, "2026-01-01T00:00:00Z", "shutdown", "shutdown"),
        task("new1", 1, "2026-01-01T00:00:30Z", "running", "running"),
        task("two2", 2, "2026-01-01T00:00:50Z", "running", "running"),
      ],
      { service: () => "web", node: () => "vm" },
      { noTrunc: false, nowMs: now },
    );
    expect(table.split("\n").map((line) => line.replace(/ +/g, " "))).toEqual([
      "ID NAME IMAGE NODE DESIRED STATE CURRENT STATE ERROR PORTS",
      "new1xxxxxxxx web.1 busybox:latest vm Running Running 30 seconds ago ",
      "old1xxxxxxxx \\_ web.1 busybox:latest vm Shutdown Shutdown About a minute ago ",
      "two2xxxxxxxx web.2 busybox:latest vm Running Running 10 seconds ago ",
      "",
    ]);
  });

  it("node ls marks this node and the leader", () => {
    const table = nodesTable(
      [
        {
          ID: "abc",
          Description: { Hostname: "vm", Engine: { EngineVersion: "20.10.24" } },
          Spec: { Availability: "active" },
          Status: { State: "ready" },
          ManagerStatus: { Leader: true },
        },
      ],
      "abc",
    );
    expect(table.split("\n")[1]?.replace(/ +/g, " ")).toBe("abc * vm Ready Active Leader 20.10.24");
  });

  it("stack ls counts services per namespace label", () => {
    const labelled = (name: string, stack: string) =>
      service(name, { Spec: { ...service(name).Spec, Labels: { "com.docker.stack.namespace": stack } } });
    expect(stacksTable([labelled("b_web", "b"), labelled("a_x", "a"), labelled("b_db", "b")])).toBe(
      "NAME      SERVICES\na         1\nb         2\n",
    );
  });
});
