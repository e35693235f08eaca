import { describe, expect, it } from "vitest";
import { callLine } from "../../../../src/docker/interpreter/api-call.js";
import { planLine } from "../../../../src/docker/interpreter/interpret.js";

const env = { vars: { HOME: "/home/me", TAG: "v2" }, cwd: "/work/app" };

/** The request lines `explain` prints for a command line, or the sentence it was refused with. */
const plan = (line: string): string[] | string => {
  const planned = planLine(line, env);
  return planned.ok ? planned.calls.map(callLine) : planned.problem;
};

const enc = encodeURIComponent;
const filter = (name: string, value: string) => `filters=${enc(JSON.stringify({ [name]: { [value]: true } }))}`;
const pull = (image: string, tag: string) => `POST /images/create?fromImage=${enc(image)}&tag=${enc(tag)}`;
const build = (query: string) => `POST /build?${query}`;

describe("image commands: the requests each spelling plans", () => {
  it.each<[string, string[]]>([
    ["docker pull alpine", [pull("docker.io/library/alpine", "latest")]],
    ["docker image pull alpine:3.19", [pull("docker.io/library/alpine", "3.19")]],
    ["docker pull -q nginx:alpine", [pull("docker.io/library/nginx", "alpine")]],
    ["docker pull me/web:$TAG", [pull("docker.io/me/web", "v2")]],
    ["docker pull 127.0.0.1:5000/lab/web", [pull("127.0.0.1:5000/lab/web", "latest")]],
    ["docker pull localhost/web:1", [pull("localhost/web", "1")]],
    ["docker pull --platform linux/amd64 alpine", [`${pull("docker.io/library/alpine", "latest")}&platform=linux%2Famd64`]],
    ["docker images", ["GET /images/json"]],
    ["docker image ls -a", ["GET /images/json?all=1"]],
    ["docker image list -q", ["GET /images/json"]],
    ["docker images --filter reference=alp*", [`GET /images/json?${filter("reference", "alp*")}`]],
    ["docker images -f reference=alpine", [`GET /images/json?${filter("reference", "alpine")}`]],
    ["docker images --filter=dangling=true", [`GET /images/json?${filter("dangling", "true")}`]],
    ["docker images alpine", [`GET /images/json?${filter("reference", "alpine")}`]],
    ["docker image inspect alpine", ["GET /images/alpine/json"]],
    ["docker image inspect -f '{{.Id}}' alpine busybox", ["GET /images/alpine/json", "GET /images/busybox/json"]],
    ["docker image inspect --format '{{ json .RootFS.Layers }}' alpine", ["GET /images/alpine/json"]],
    ["docker history alpine", ["GET /images/alpine/history"]],
    ["docker image history --no-trunc -q 127.0.0.1:5000/web:1", ["GET /images/127.0.0.1:5000/web:1/history"]],
    ["docker tag alpine me/alpine:1", ["POST /images/alpine/tag?repo=docker.io%2Fme%2Falpine&tag=1"]],
    ["docker image tag alpine:latest web", ["POST /images/alpine:latest/tag?repo=docker.io%2Flibrary%2Fweb&tag=latest"]],
    ["docker tag web 127.0.0.1:5000/web:v1", ["POST /images/web/tag?repo=127.0.0.1%3A5000%2Fweb&tag=v1"]],
    ["docker push 127.0.0.1:5000/web:v1", ["POST /images/127.0.0.1:5000/web/push?tag=v1"]],
    ["docker image push me/web", ["POST /images/me/web/push?tag=latest"]],
    ["docker push docker.io/library/web:2", ["POST /images/web/push?tag=2"]],
    ["docker rmi alpine", ["DELETE /images/alpine"]],
    ["docker rmi -f a b", ["DELETE /images/a?force=1", "DELETE /images/b?force=1"]],
    ["docker image rm --no-prune web:1", ["DELETE /images/web:1?noprune=1"]],
    ["docker image remove web", ["DELETE /images/web"]],
  ])("%s", (line, calls) => expect(plan(line)).toEqual(calls));
});

const planWith =
  (vars: Record<string, string>) =>
  (line: string): string[] | string => {
    const planned = planLine(line, { ...env, vars: { ...env.vars, ...vars } });
    return planned.ok ? planned.calls.map(callLine) : planned.problem;
  };

describe("docker build with the classic builder (DOCKER_BUILDKIT=0): the legacy query", () => {
  it.each<[string, string[]]>([
    ["docker build .", [build("dockerfile=Dockerfile&forcerm=1&rm=1&version=1")]],
    ["docker build -t web:1 .", [build("dockerfile=Dockerfile&forcerm=1&rm=1&t=web%3A1&version=1")]],
    ["docker image build -t web:1 -t web:latest ctx", [build("dockerfile=Dockerfile&forcerm=1&rm=1&t=web%3A1&t=web%3Alatest&version=1")]],
    ["docker build --tag=web .", [build("dockerfile=Dockerfile&forcerm=1&rm=1&t=web&version=1")]],
    ["docker build -f ctx/Dev.Dockerfile ctx", [build("dockerfile=Dev.Dockerfile&forcerm=1&rm=1&version=1")]],
    ["docker build -f docker/Dockerfile .", [build("dockerfile=docker%2FDockerfile&forcerm=1&rm=1&version=1")]],
    [
      "docker build --build-arg B=2 --build-arg A=x=y .",
      [build(`buildargs=${enc('{"A":"x=y","B":"2"}')}&dockerfile=Dockerfile&forcerm=1&rm=1&version=1`)],
    ],
    [
      "docker build --no-cache --pull --target app .",
      [build("dockerfile=Dockerfile&forcerm=1&nocache=1&pull=1&rm=1&target=app&version=1")],
    ],
    ["docker builder build --label team=a .", [build(`dockerfile=Dockerfile&forcerm=1&labels=${enc('{"team":"a"}')}&rm=1&version=1`)]],
  ])("%s", (line, calls) => expect(planWith({ DOCKER_BUILDKIT: "0" })(line)).toEqual(calls));
});

describe("docker build with BuildKit: version=2, without the classic builder's rm/forcerm", () => {
  it.each<[string, string[]]>([
    ["docker build .", ["GET /_ping", build("dockerfile=Dockerfile&version=2")]],
    ["docker build -t web:1 -t web:2 .", ["GET /_ping", build("dockerfile=Dockerfile&t=web%3A1&t=web%3A2&version=2")]],
    [
      "docker build --build-arg B=2 --no-cache --pull --target app --label team=a .",
      [
        "GET /_ping",
        build(`buildargs=${enc('{"B":"2"}')}&dockerfile=Dockerfile&labels=${enc('{"team":"a"}')}&nocache=1&pull=1&target=app&version=2`),
      ],
    ],
  ])("%s asks the daemon first", (line, calls) => expect(plan(line)).toEqual(calls));

  it("DOCKER_BUILDKIT=1 skips the question", () => {
    expect(planWith({ DOCKER_BUILDKIT: "true" })("docker build -t web .")).toEqual([build("dockerfile=Dockerfile&t=web&version=2")]);
  });

  it("a solution's build follows the CLI settings it is given, which never expand into the command", () => {
    const solution = { ...env, vars: {}, cliSettings: { DOCKER_BUILDKIT: "0" } };
    // Unset, the word vanishes as in bash: -t takes the context and none is left.
    const planned = planLine("docker build -t $DOCKER_BUILDKIT .", solution);
    expect(planned.ok ? planned.calls.map(callLine) : planned.problem).toMatch(/requires exactly 1 argument/);
    const classic = planLine("docker build -t web .", solution);
    expect(classic.ok ? classic.calls.map(callLine) : classic.problem).toEqual([
      build("dockerfile=Dockerfile&forcerm=1&rm=1&t=web&version=1"),
    ]);
  });

  it("refuses a DOCKER_BUILDKIT that is not a boolean, as the CLI does", () => {
    expect(planWith({ DOCKER_BUILDKIT: "yes" })("docker build .")).toMatch(/DOCKER_BUILDKIT environment variable expects boolean value/);
  });
});

describe("network and volume commands: the requests each plans", () => {
  it.each<[string, string[]]>([
    ["docker network create web", ["POST /networks/create"]],
    ["docker network create -d overlay --attachable web", ["POST /networks/create"]],
    ["docker network ls", ["GET /networks"]],
    ["docker network ls -q --filter name=dtt", [`GET /networks?${filter("name", "dtt")}`]],
    ["docker network list", ["GET /networks"]],
    ["docker network inspect web db", ["GET /networks/web", "GET /networks/db"]],
    ["docker network connect web app", ["POST /networks/web/connect"]],
    ["docker network disconnect -f web app", ["POST /networks/web/disconnect"]],
    ["docker network rm web", ["GET /networks/web", "DELETE /networks/web"]],
    ["docker network remove a b", ["GET /networks/a", "DELETE /networks/a", "GET /networks/b", "DELETE /networks/b"]],
    ["docker volume create", ["POST /volumes/create"]],
    ["docker volume create data", ["POST /volumes/create"]],
    ["docker volume ls", ["GET /volumes"]],
    ["docker volume ls --filter dangling=true", [`GET /volumes?${filter("dangling", "true")}`]],
    ["docker volume inspect data", ["GET /volumes/data"]],
    ["docker volume rm data", ["DELETE /volumes/data"]],
    ["docker volume rm -f a b", ["DELETE /volumes/a?force=1", "DELETE /volumes/b?force=1"]],
    ["docker volume remove 'my vol'", ["DELETE /volumes/my%20vol"]],
  ])("%s", (line, calls) => expect(plan(line)).toEqual(calls));
});

describe("what is refused, in one sentence", () => {
  it.each<[string, RegExp]>([
    ["docker pull", /requires exactly 1 argument/],
    ["docker pull Alpine", /repository name \(library\/Alpine\) must be lowercase/],
    ["docker pull 'a b'", /invalid reference format/],
    ["docker pull -a alpine", /unknown shorthand flag: 'a'/],
    ["docker tag alpine", /requires exactly 2 arguments/],
    ["docker tag alpine BAD:1", /Error parsing reference: "BAD:1" is not a valid repository\/tag/],
    ["docker build", /requires exactly 1 argument/],
    ["docker build -f - .", /a Dockerfile on stdin/],
    ["docker build https://example.com/repo.git", /local directory only/],
    ["docker build -f ../Dockerfile .", /outside the build context/],
    ["docker build --build-arg TOKEN .", /TOKEN has no value/],
    ["docker build -t Web .", /invalid argument "Web" for "-t, --tag" flag/],
    ["docker images --filter reference", /bad format of filter/],
    ["docker image inspect --format '{{index .RepoTags 0}}' alpine", /is not supported/],
    ["docker image inspect --format '{{.Id' alpine", /without closing it/],
    ["docker network create", /requires exactly 1 argument/],
    ["docker network create --gateway 10.1.0.1 web", /every --gateway needs its own --subnet/],
    ["docker network connect web", /requires exactly 2 arguments/],
    ["docker volume create a b", /at most 1 argument/],
    ["docker volume create --name a b", /either specify --name or provide positional arg/],
    ["docker volume rm", /requires at least 1 argument/],
  ])("%s", (line, problem) => expect(plan(line)).toMatch(problem));
});
