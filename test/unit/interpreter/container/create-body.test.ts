import { describe, expect, it } from "vitest";
import { isRefusal } from "../../../../src/docker/interpreter/command.js";
import { createBody } from "../../../../src/docker/interpreter/commands/container/create-body.js";
import { type CreateIntent, RUN_FLAGS, toCreateIntent } from "../../../../src/docker/interpreter/commands/container/create-intent.js";
import { containerCommands } from "../../../../src/docker/interpreter/commands/container/index.js";
import { parseFlags } from "../../../../src/docker/interpreter/flags.js";
import { interpret } from "../../../../src/docker/interpreter/interpret.js";

const world = { vars: { HOME: "/home/ada" }, cwd: "/home/ada/app" };

/** The create body a command line leads to, or the sentence it is refused with. */
function bodyOf(line: string): ReturnType<typeof createBody> | string {
  const interpretation = interpret(line, world, containerCommands);
  return interpretation.ok ? createBody(interpretation.intent as CreateIntent) : interpretation.problem;
}

describe("create body: what docker CLI 28 sends for each flag (captured through a socket proxy)", () => {
  it.each<[string, object]>([
    [
      "docker run alpine",
      { Image: "alpine", Cmd: null, Entrypoint: null, Env: null, Labels: {}, Volumes: {}, Hostname: "", WorkingDir: "" },
    ],
    ["docker run alpine echo hello", { Cmd: ["echo", "hello"] }],
    ["docker run alpine -c 'x'", { Cmd: ["-c", "x"] }],
    ["docker run alpine", { AttachStdin: false, AttachStdout: true, AttachStderr: true, Tty: false, OpenStdin: false, StdinOnce: false }],
    ["docker run -d alpine", { AttachStdin: false, AttachStdout: false, AttachStderr: false, OpenStdin: false, StdinOnce: false }],
    ["docker run -i alpine cat", { AttachStdin: true, AttachStdout: true, OpenStdin: true, StdinOnce: true, Tty: false }],
    ["docker run -t alpine", { Tty: true, AttachStdin: false, OpenStdin: false }],
    ["docker run -it alpine sh", { Tty: true, AttachStdin: true, OpenStdin: true, StdinOnce: true }],
    ["docker run -dit alpine sh", { Tty: true, AttachStdin: false, AttachStdout: false, OpenStdin: true, StdinOnce: false }],
    ["docker create alpine", { AttachStdout: true, AttachStderr: true, AttachStdin: false }],
    ["docker create -it alpine", { AttachStdin: true, OpenStdin: true, StdinOnce: true, Tty: true }],
    ["docker run --rm alpine", { HostConfig: { AutoRemove: true } }],
    [
      "docker run alpine",
      { HostConfig: { AutoRemove: false, NetworkMode: "default", RestartPolicy: { Name: "no", MaximumRetryCount: 0 } } },
    ],
    ["docker run alpine", { HostConfig: { Binds: null, PortBindings: {}, PublishAllPorts: false, Dns: [], Devices: [], Ulimits: [] } }],
    ["docker run alpine", { NetworkingConfig: { EndpointsConfig: { default: {} } } }],
    ["docker run --network mynet alpine", { HostConfig: { NetworkMode: "mynet" }, NetworkingConfig: { EndpointsConfig: { mynet: {} } } }],
    ["docker run --network=host alpine", { HostConfig: { NetworkMode: "host" } }],
    ["docker run -h web1 alpine", { Hostname: "web1" }],
    ["docker run --hostname=web1 alpine", { Hostname: "web1" }],
    ["docker run -w /app alpine", { WorkingDir: "/app" }],
    ["docker run --workdir=/srv alpine", { WorkingDir: "/srv" }],
    ["docker run --entrypoint sh alpine -c 'echo hi'", { Entrypoint: ["sh"], Cmd: ["-c", "echo hi"] }],
    ["docker run --entrypoint 'echo hi' alpine", { Entrypoint: ["echo hi"] }],
    ["docker run --entrypoint '' alpine", { Entrypoint: [""] }],
    ["docker run -e A=1 -e B= --env=C=x=y alpine", { Env: ["A=1", "B=", "C=x=y"] }],
    ["docker run -e DTT_SURELY_UNSET_VAR alpine", { Env: ["DTT_SURELY_UNSET_VAR"] }],
    ["docker run -l tier=web -l solo --label=a=b=c alpine", { Labels: { tier: "web", solo: "", a: "b=c" } }],
    ["docker run -l problem=none alpine", { Labels: { problem: "none" } }],
    ["docker run --restart always alpine", { HostConfig: { RestartPolicy: { Name: "always", MaximumRetryCount: 0 } } }],
    ["docker run --restart unless-stopped alpine", { HostConfig: { RestartPolicy: { Name: "unless-stopped", MaximumRetryCount: 0 } } }],
    ["docker run --restart on-failure alpine", { HostConfig: { RestartPolicy: { Name: "on-failure", MaximumRetryCount: 0 } } }],
    ["docker run --restart on-failure:5 alpine", { HostConfig: { RestartPolicy: { Name: "on-failure", MaximumRetryCount: 5 } } }],
    ["docker run --rm --restart no alpine", { HostConfig: { AutoRemove: true, RestartPolicy: { Name: "no", MaximumRetryCount: 0 } } }],
    ["docker run -P nginx", { HostConfig: { PublishAllPorts: true } }],
    [
      "docker run -p 80 nginx",
      { ExposedPorts: { "80/tcp": {} }, HostConfig: { PortBindings: { "80/tcp": [{ HostIp: "", HostPort: "" }] } } },
    ],
    ["docker run -p 8080:80 nginx", { HostConfig: { PortBindings: { "80/tcp": [{ HostIp: "", HostPort: "8080" }] } } }],
    [
      "docker run -p8080:80 -p 8081:80 nginx",
      {
        HostConfig: {
          PortBindings: {
            "80/tcp": [
              { HostIp: "", HostPort: "8080" },
              { HostIp: "", HostPort: "8081" },
            ],
          },
        },
      },
    ],
    ["docker run -p 127.0.0.1:8080:80 nginx", { HostConfig: { PortBindings: { "80/tcp": [{ HostIp: "127.0.0.1", HostPort: "8080" }] } } }],
    ["docker run -p 127.0.0.1::80 nginx", { HostConfig: { PortBindings: { "80/tcp": [{ HostIp: "127.0.0.1", HostPort: "" }] } } }],
    [
      "docker run -p 53:53/udp nginx",
      { ExposedPorts: { "53/udp": {} }, HostConfig: { PortBindings: { "53/udp": [{ HostIp: "", HostPort: "53" }] } } },
    ],
    ["docker run -p 9000:9000/UDP nginx", { ExposedPorts: { "9000/udp": {} } }],
    ["docker run -v /data:/data nginx", { HostConfig: { Binds: ["/data:/data"] }, Volumes: {} }],
    ["docker run -v /srv/site:/usr/share/nginx/html:ro nginx", { HostConfig: { Binds: ["/srv/site:/usr/share/nginx/html:ro"] } }],
    ["docker run -v data:/var/lib/data nginx", { HostConfig: { Binds: ["data:/var/lib/data"] } }],
    ["docker run -v /cache nginx", { HostConfig: { Binds: null }, Volumes: { "/cache": {} } }],
    ["docker run -v ./site:/html nginx", { HostConfig: { Binds: ["/home/ada/app/site:/html"] } }],
    ["docker run -v ../shared:/s:ro nginx", { HostConfig: { Binds: ["/home/ada/shared:/s:ro"] } }],
    ["docker run -v ~/notes:/notes nginx", { HostConfig: { Binds: ["/home/ada/notes:/notes"] } }],
    ["docker run -v /a:/a -v /a:/a nginx", { HostConfig: { Binds: ["/a:/a"] } }],
    [
      "docker run --mount type=bind,source=/srv,target=/usr/share/nginx/html nginx",
      { HostConfig: { Mounts: [{ Type: "bind", Source: "/srv", Target: "/usr/share/nginx/html" }] } },
    ],
    [
      "docker run --mount type=bind,src=./site,dst=/html,readonly nginx",
      { HostConfig: { Mounts: [{ Type: "bind", Source: "/home/ada/app/site", Target: "/html", ReadOnly: true }] } },
    ],
    [
      "docker run --mount src=data,destination=/d,ro=true nginx",
      { HostConfig: { Mounts: [{ Type: "volume", Source: "data", Target: "/d", ReadOnly: true }] } },
    ],
    ["docker run --mount type=volume,dst=/anon nginx", { HostConfig: { Mounts: [{ Type: "volume", Target: "/anon" }] } }],
    [
      "docker run --mount type=VOLUME,src=v,dst=/v,readonly=false nginx",
      { HostConfig: { Mounts: [{ Type: "volume", Source: "v", Target: "/v" }] } },
    ],
  ])("%s", (line, expected) => {
    expect(bodyOf(line)).toMatchObject(expected);
  });

  it.each<[string, string]>([
    ["docker run", "requires at least 1 argument"],
    ["docker run -p 99999:80 nginx", "invalid hostPort: 99999"],
    ["docker run -p 80/xyz nginx", "invalid proto: xyz"],
    ["docker run -p 8000-8002:80-81 nginx", "invalid ranges specified for container and host Ports: 80-81 and 8000-8002"],
    ["docker run -p 1.2.3:80:80 nginx", "invalid IP address: 1.2.3"],
    ["docker run -p published=80,target=80 nginx", "long --publish syntax"],
    ["docker run -e =x alpine", 'invalid argument "=x" for "-e, --env" flag: invalid environment variable: =x'],
    ["docker run -l =x alpine", "invalid label '=x': empty name"],
    ["docker run --restart on-failure:x alpine", "maximum retry count must be an integer"],
    ["docker run --restart :3 alpine", "no policy provided before colon"],
    ["docker run --rm --restart always alpine", "conflicting options: cannot specify both --restart and --rm"],
    ["docker run --mount src=/x alpine", 'invalid argument "src=/x" for "--mount" flag: target is required'],
    ["docker run --mount type=tmpfs,dst=/t alpine", "the mount type tmpfs is not supported here"],
    ["docker run --mount type=volume,dst=/v,volume-opt=a=b alpine", "the mount option volume-opt is not supported here"],
    ["docker run --mount type=bind,src=/a,dst=/b,nope alpine", "invalid field 'nope' must be a key=value pair"],
    ["docker run --mount type=bind,src=/a,dst=/b,ro=maybe alpine", "invalid value for ro: maybe"],
    ["docker create -d alpine", "unknown shorthand flag: 'd' in -d"],
    ["docker run --privileged alpine", "unknown flag: --privileged"],
  ])("%s is refused: %s", (line, problem) => {
    expect(bodyOf(line)).toContain(problem);
  });
});

describe("-e KEY without a value takes it from the environment docker runs in", () => {
  it.each<[Record<string, string>, string[]]>([
    [{ GREETING: "hello" }, ["GREETING=hello"]],
    [{ GREETING: "" }, ["GREETING="]],
    [{}, ["GREETING"]],
  ])("with %o", (env, expected) => {
    const parsed = parseFlags(["-e", "GREETING", "alpine"], RUN_FLAGS, { interspersed: false });
    if (!parsed.ok) throw new Error(parsed.problem);
    const intent = toCreateIntent({ flags: parsed.flags, args: parsed.args, cwd: "/", env }, "run");
    expect(isRefusal(intent) ? intent : createBody(intent).Env).toEqual(expected);
  });
});
