import { describe, expect, it } from "vitest";
import { interpret, planLine } from "../../../../src/docker/interpreter/interpret.js";

const env = { vars: { HOME: "/home/me" }, cwd: "/work/app" };

const intentOf = (line: string): unknown => {
  const found = interpret(line, env);
  return found.ok ? found.intent : found.problem;
};

const firstBody = (line: string): unknown => {
  const planned = planLine(line, env);
  return planned.ok ? planned.calls[0]?.body : planned.problem;
};

describe("intents: what each command line asks for", () => {
  it.each<[string, object]>([
    ["docker pull alpine", { defaultTag: true, quiet: false, ref: { domain: "docker.io", path: "library/alpine", tag: "latest" } }],
    [
      `docker pull alpine@sha256:${"a".repeat(64)}`,
      { defaultTag: false, ref: { path: "library/alpine", digest: `sha256:${"a".repeat(64)}` } },
    ],
    ["docker push 127.0.0.1:5000/web", { defaultTag: true, ref: { domain: "127.0.0.1:5000", path: "web", tag: "latest" } }],
    ["docker build .", { contextDir: "/work/app", dockerfile: "Dockerfile", dockerfilePath: "/work/app/Dockerfile" }],
    [
      "docker build -f Dev.Dockerfile .",
      { contextDir: "/work/app", dockerfile: "Dev.Dockerfile", dockerfilePath: "/work/app/Dev.Dockerfile" },
    ],
    ["docker build -f ctx/sub/Dockerfile ctx", { contextDir: "/work/app/ctx", dockerfile: "sub/Dockerfile" }],
    ["docker build ~/site", { contextArg: "/home/me/site", contextDir: "/home/me/site" }],
    [
      "docker build --build-arg A=1 --build-arg A=2 .",
      {
        buildArgs: [
          ["A", "1"],
          ["A", "2"],
        ],
      },
    ],
    ["docker rmi -f web", { images: ["web"], force: true, prune: true }],
    ["docker images -aq", { all: true, quiet: true, filters: {} }],
    ["docker images --filter Reference=' alp* '", { filters: { reference: ["alp*"] } }],
    ["docker network rm -f a", { networks: ["a"], force: true }],
    ["docker volume create", { driver: "local" }],
    ["docker volume create --name data", { name: "data", driver: "local" }],
  ])("%s", (line, expected) => expect(intentOf(line)).toMatchObject(expected));
});

describe("bodies: what the JSON requests carry", () => {
  it.each<[string, object]>([
    [
      "docker network create web",
      { Name: "web", Driver: "bridge", Attachable: false, CheckDuplicate: true, IPAM: { Driver: "default", Config: [] } },
    ],
    ["docker network create -d overlay --attachable web", { Driver: "overlay", Attachable: true }],
    [
      "docker network create --subnet 10.9.0.0/24 --gateway 10.9.0.1 --label a=b -o com.docker.network.bridge.name=br9 web",
      {
        IPAM: { Config: [{ Subnet: "10.9.0.0/24", Gateway: "10.9.0.1" }] },
        Labels: { a: "b" },
        Options: { "com.docker.network.bridge.name": "br9" },
      },
    ],
    [
      "docker network connect --alias db --alias pg web app",
      { Container: "app", EndpointConfig: { Aliases: ["db", "pg"], IPAMConfig: {} } },
    ],
    ["docker network connect --ip 10.9.0.7 web app", { EndpointConfig: { IPAMConfig: { IPv4Address: "10.9.0.7" } } }],
    ["docker network disconnect web app", { Container: "app", Force: false }],
    ["docker volume create data", { Driver: "local", Name: "data" }],
    [
      "docker volume create -d local --label team=a -o type=tmpfs",
      { Driver: "local", Labels: { team: "a" }, DriverOpts: { type: "tmpfs" } },
    ],
  ])("%s", (line, expected) => expect(firstBody(line)).toMatchObject(expected));

  it("an unnamed volume sends no Name at all", () => expect(firstBody("docker volume create")).toEqual({ Driver: "local" }));
});

describe("every planned call says why, in a learner's words", () => {
  it.each([
    "docker pull alpine",
    "docker build -t web .",
    "docker images",
    "docker image inspect alpine",
    "docker history alpine",
    "docker tag alpine web",
    "docker push 127.0.0.1:5000/web",
    "docker rmi web",
    "docker network create web",
    "docker network ls",
    "docker network rm web",
    "docker volume create data",
    "docker volume ls",
    "docker volume rm data",
  ])("%s", (line) => {
    const planned = planLine(line, env);
    expect(planned.ok && planned.calls.every((call) => call.why.length > 10)).toBe(true);
  });
});
