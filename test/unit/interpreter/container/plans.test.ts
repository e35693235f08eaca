import { describe, expect, it } from "vitest";
import { type ApiCall, callLine } from "../../../../src/docker/interpreter/api-call.js";
import { containerCommands } from "../../../../src/docker/interpreter/commands/container/index.js";
import { interpret } from "../../../../src/docker/interpreter/interpret.js";

const world = { vars: { HOME: "/home/ada" }, cwd: "/home/ada/app" };

function planOf(line: string): readonly ApiCall[] {
  const interpretation = interpret(line, world, containerCommands);
  if (!interpretation.ok) throw new Error(interpretation.problem);
  return interpretation.command.plan(interpretation.intent);
}

/** The plan as one line per call: "METHOD path?query", with "(if …)" for conditional calls. */
const shape = (line: string) => planOf(line).map((call) => `${callLine(call)}${call.when ? " (if)" : ""}`);

describe("plans: the calls each command makes, in order (what explain prints and execute sends)", () => {
  it.each<[string, string[]]>([
    [
      "docker run alpine echo hi",
      [
        "POST /containers/create",
        "POST /images/create?fromImage=alpine&tag=latest (if)",
        "POST /containers/create (if)",
        "POST /containers/{id}/attach?stderr=1&stdout=1&stream=1",
        "POST /containers/{id}/wait?condition=next-exit",
        "POST /containers/{id}/start",
      ],
    ],
    [
      "docker run -d --name web nginx:alpine",
      [
        "POST /containers/create?name=web",
        "POST /images/create?fromImage=nginx&tag=alpine (if)",
        "POST /containers/create?name=web (if)",
        "POST /containers/{id}/wait?condition=next-exit",
        "POST /containers/{id}/start",
      ],
    ],
    [
      "docker run --rm -i alpine cat",
      expect.arrayContaining([
        "POST /containers/{id}/attach?stderr=1&stdin=1&stdout=1&stream=1",
        "POST /containers/{id}/wait?condition=removed",
      ]),
    ],
    ["docker run docker.io/library/alpine:3.20 true", expect.arrayContaining(["POST /images/create?fromImage=alpine&tag=3.20 (if)"])],
    [
      "docker run 127.0.0.1:5000/lab/app true",
      expect.arrayContaining(["POST /images/create?fromImage=127.0.0.1%3A5000%2Flab%2Fapp&tag=latest (if)"]),
    ],
    [
      "docker create --name db alpine",
      ["POST /containers/create?name=db", "POST /images/create?fromImage=alpine&tag=latest (if)", "POST /containers/create?name=db (if)"],
    ],
    ["docker start web", ["POST /containers/web/start"]],
    ["docker container start a b", ["POST /containers/a/start", "POST /containers/b/start"]],
    [
      "docker start -a web",
      [
        "GET /containers/web/json",
        "POST /containers/{id}/attach?stderr=1&stdout=1&stream=1",
        "POST /containers/{id}/wait?condition=next-exit",
        "POST /containers/{id}/start",
      ],
    ],
    ["docker stop web", ["POST /containers/web/stop"]],
    ["docker stop -t 3 web db", ["POST /containers/web/stop?t=3", "POST /containers/db/stop?t=3"]],
    ["docker kill web", ["POST /containers/web/kill"]],
    ["docker kill -s HUP web", ["POST /containers/web/kill?signal=HUP"]],
    ["docker rm web", ["DELETE /containers/web"]],
    ["docker rm -f -v web", ["DELETE /containers/web?force=1&v=1"]],
    ["docker container remove -f web", ["DELETE /containers/web?force=1"]],
    ["docker ps", ["GET /containers/json"]],
    ["docker container ls -a", ["GET /containers/json?all=1"]],
    ["docker container list -q --filter name=web", [`GET /containers/json?filters=${encodeURIComponent('{"name":{"web":true}}')}`]],
    [
      "docker container ps -a --filter status=exited --filter label=a=b",
      [`GET /containers/json?all=1&filters=${encodeURIComponent('{"status":{"exited":true},"label":{"a=b":true}}')}`],
    ],
    ["docker logs web", ["GET /containers/web/json", "GET /containers/{id}/logs?stderr=1&stdout=1&tail=all"]],
    ["docker logs --tail 5 web", ["GET /containers/web/json", "GET /containers/{id}/logs?stderr=1&stdout=1&tail=5"]],
    ["docker exec web ls /", ["GET /containers/web/json", "POST /containers/web/exec", "POST /exec/{id}/start", "GET /exec/{id}/json"]],
    ["docker inspect web", ["GET /containers/web/json", "GET /images/web/json (if)", "GET /networks/web (if)", "GET /volumes/web (if)"]],
    ["docker container inspect -f '{{.State.Status}}' web", ["GET /containers/web/json"]],
    ["docker diff web", ["GET /containers/web/changes"]],
    ["docker commit web", ["POST /commit?author=&comment=&container=web&repo=&tag="]],
    ["docker commit web ada/app:v2", ["POST /commit?author=&comment=&container=web&repo=docker.io%2Fada%2Fapp&tag=v2"]],
    [
      "docker container commit web snapshot",
      ["POST /commit?author=&comment=&container=web&repo=docker.io%2Flibrary%2Fsnapshot&tag=latest"],
    ],
    ["docker top web", ["GET /containers/web/top"]],
    ["docker top web aux", ["GET /containers/web/top?ps_args=aux"]],
  ])("%s", (line, expected) => {
    expect(shape(line)).toEqual(expected);
  });

  it("commit sends an empty config as its body: Podman refuses a commit with none", () => {
    expect(planOf("docker commit web snapshot")[0]?.body).toEqual({});
  });

  it.each<[string, string]>([
    ["docker run -p 8080:80 nginx", "HostConfig.PortBindings: 80/tcp → host 8080"],
    ["docker run -p 127.0.0.1::80 nginx", "HostConfig.PortBindings: 80/tcp → host 127.0.0.1:a random port"],
    [
      "docker run --mount type=bind,src=/home/ada/app,dst=/usr/share/nginx/html nginx",
      "HostConfig.Mounts: bind /home/ada/app → /usr/share/nginx/html",
    ],
    ["docker run -v data:/data nginx", "HostConfig.Binds: volume data → /data"],
    ["docker run -v ./site:/html:ro nginx", "HostConfig.Binds: bind /home/ada/app/site → /html (read-only)"],
    ["docker run -v /cache nginx", "Volumes: a new anonymous volume at /cache"],
    ["docker run --restart on-failure:3 nginx", "HostConfig.RestartPolicy: on-failure, at most 3 retries"],
    ["docker run --rm alpine", "HostConfig.AutoRemove: true: the daemon removes the container when it exits"],
    ["docker run -e A=1 alpine", "Env: A=1"],
    ["docker run alpine", "Cmd: none given, so the image's own command runs"],
  ])("%s notes %s", (line, note) => {
    expect(planOf(line)[0]?.notes).toContain(note);
  });

  it("says when the pull happens and what the CLI prints first", () => {
    const pull = planOf("docker run alpine")[1];
    expect(pull?.when).toContain(`answered 404 "No such image": first print "Unable to find image 'alpine:latest' locally"`);
  });

  it("gives every call a reason in words", () => {
    for (const line of ["docker run -it --rm -p 80 nginx", "docker exec -it web sh", "docker start -ai web"]) {
      for (const call of planOf(line)) expect(call.why.length).toBeGreaterThan(10);
    }
  });
});

describe("refusals of the other commands", () => {
  it.each<[string, string]>([
    ["docker start", "'docker start' requires at least 1 argument"],
    ["docker start -a a b", "you cannot start and attach multiple containers at once"],
    ["docker exec web", "'docker exec' requires at least 2 arguments"],
    ["docker ps --filter foo", "bad format of filter (expected name=value)"],
    ["docker ps --filter network=x", "the filter network is not supported here"],
    ["docker ps extra", "accepts no arguments"],
    ["docker logs -f web", "unknown shorthand flag: 'f' in -f"],
    ["docker inspect --format '{{range $m := .Mounts}}{{$m.Source}}{{end}}' web", "outside the template subset"],
    ["docker inspect --format '{{.}}' web", "outside the template subset"],
    ["docker commit web UPPER", "repository name (library/UPPER) must be lowercase"],
    ["docker commit web app@sha256:abc", "invalid reference format"],
    ["docker run A", "docker: invalid reference format: repository name (library/A) must be lowercase"],
    ["docker container create ''", "docker: invalid reference format"],
    ["docker run 'a b'", "docker: invalid reference format"],
  ])("%s: %s", (line, problem) => {
    const interpretation = interpret(line, world, containerCommands);
    expect(interpretation.ok ? "accepted" : interpretation.problem).toContain(problem);
  });
});
