import { describe, expect, it } from "vitest";
import type { CheckContext, HttpAnswer, LessonScope } from "../../../src/checks/check.js";
import { commandRefusal, limitCommands, limitHttp, loopbackPort, type PackLimits } from "../../../src/checks/pack-limits.js";
import { evaluateCheck } from "../../../src/checks/registry.js";
import type { DockerReader } from "../../../src/docker/reader.js";
import type { ContainerDetails, ContainerSummary, ServiceDetails } from "../../../src/docker/views.js";
import { packLimitsFor } from "../../../src/engine/pack-scope.js";
import type { CatalogEntry } from "../../../src/lessons/catalog.js";
import { checkSchema } from "../../../src/lessons/schema.js";
import type { Snapshot } from "../../../src/progress/store.js";

/** The learner's `db` was there before the lesson; the lesson made `web`, which publishes 8080. */
const db = container("db-id", "db", {});
const web = container("web-id", "web", {}, 8080);
const limits: PackLimits = { containerMade: (c) => c.id === "web-id", serviceMade: (s) => s.id === "svc-new" };
const scope: LessonScope = { startedAt: new Date(0), preexistingContainerIds: new Set(["db-id"]), packLimits: limits };
const builtIn: LessonScope = { startedAt: new Date(0), preexistingContainerIds: new Set(["db-id"]) };

function container(id: string, name: string, labels: Record<string, string>, hostPort?: number): ContainerDetails {
  return {
    id,
    name,
    image: "alpine",
    imageId: "sha256:a",
    command: ["sleep", "60"],
    cmd: ["sleep", "60"],
    created: new Date(1000),
    status: "running",
    running: true,
    exitCode: 0,
    tty: false,
    openStdin: false,
    ports: hostPort ? [{ containerPort: 80, hostPort, hostIp: "0.0.0.0", protocol: "tcp" }] : [],
    mounts: [],
    networks: ["bridge"],
    env: {},
    labels,
  };
}

/** A daemon holding db and web, and a service that publishes 9000; every exec is recorded. */
function daemon(execs: string[]): DockerReader {
  const all = [db, web];
  return {
    listContainers: async () => all.map((c) => ({ ...c, state: "running" }) as unknown as ContainerSummary),
    inspectContainer: async (idOrName: string) => all.find((c) => c.id === idOrName || c.name === idOrName),
    exec: async (id: string, command: readonly string[]) => {
      execs.push(`${id}: ${command.join(" ")}`);
      return { exitCode: 0, output: "Name: web\nAddress: 172.17.0.3\n" };
    },
    inspectNetwork: async () => ({ name: "net", containers: [{ name: "web", ipv4: "172.17.0.3" }] }),
    listServicesDetailed: async () =>
      [
        { id: "svc-old", ports: [{ target: 80, published: 7000, mode: "ingress" }] },
        { id: "svc-new", ports: [{ target: 80, published: 9000, mode: "ingress" }] },
      ] as unknown as ServiceDetails[],
  } as unknown as DockerReader;
}

describe("commandRefusal and limitCommands", () => {
  it("a pack's command runs only in a container the lesson made; a built-in lesson's anywhere", async () => {
    expect(commandRefusal(scope, db)).toBe(
      "was not made during this lesson, and a lesson pack's checks run commands only in containers the lesson made",
    );
    expect(commandRefusal(scope, web)).toBeUndefined();
    expect(commandRefusal(builtIn, db)).toBeUndefined();
    const execs: string[] = [];
    const reader = limitCommands(daemon(execs), scope);
    await expect(reader.exec("db", ["touch", "/pwned"])).rejects.toThrow("container `db` was not made during this lesson");
    await reader.exec("web", ["true"]);
    expect(execs).toEqual(["web: true"]);
  });
});

describe("exec and network checks of a pack", () => {
  const context = (execs: string[], s: LessonScope): CheckContext => ({
    docker: daemon(execs),
    scope: s,
    httpGet: async () => ({ status: 200, body: "" }),
  });

  it("never exec into the learner's older container, by name or by createdDuringLesson: false", async () => {
    const execs: string[] = [];
    const byName = await evaluateCheck({ kind: "exec", name: "db", run: ["touch", "/pwned"], exitCode: 0 }, context(execs, scope));
    expect(byName.pass).toBe(false);
    expect(byName.actual).toBe(
      "container `db` was not made during this lesson, and a lesson pack's checks run commands only in containers the lesson made",
    );
    const byImage = await evaluateCheck(
      { kind: "exec", image: "alpine", createdDuringLesson: false, run: ["touch", "/pwned"], exitCode: 0 },
      context(execs, scope),
    );
    expect(byImage.pass).toBe(true);
    expect(execs).toEqual(["web-id: touch /pwned"]);
  });

  it("ping and nslookup only from a container the lesson made", async () => {
    const execs: string[] = [];
    const fromDb = await evaluateCheck(
      checkSchema.parse({ kind: "network", name: "net", resolves: { from: "db", to: "web" } }),
      context(execs, scope),
    );
    expect(fromDb.actual).toContain("container `db` was not made during this lesson");
    const reach = await evaluateCheck(
      checkSchema.parse({ kind: "network", name: "net", reaches: { from: "db", to: "web" } }),
      context(execs, scope),
    );
    expect(reach.actual).toContain("container `db` was not made during this lesson");
    expect(execs).toEqual([]);
    const builtInLesson = await evaluateCheck(
      checkSchema.parse({ kind: "network", name: "net", resolves: { from: "db", to: "web" } }),
      context(execs, builtIn),
    );
    expect(builtInLesson.pass).toBe(true);
    expect(execs).toEqual(["db-id: nslookup web"]);
  });
});

describe("limitHttp", () => {
  const asked: string[] = [];
  const get = async (url: string): Promise<HttpAnswer> => {
    asked.push(url);
    return { status: 200, body: "ok" };
  };

  it.each([
    ["http://localhost:8080/", 8080],
    ["http://127.0.0.1:9000/v2/x/tags/list", 9000],
    ["http://[::1]:8080", 8080],
    ["http://LOCALHOST", 80],
    ["https://127.1.2.3/", 443],
    ["http://169.254.169.254/latest/meta-data/", undefined],
    ["http://10.0.0.1:8080/", undefined],
    ["http://127.0.0.1.nip.io:8080/", undefined],
    ["http://[::ffff:127.0.0.1]:8080/", undefined],
    ["file:///etc/passwd", undefined],
    ["not a url", undefined],
  ])("loopbackPort(%s) = %s", (url, port) => expect(loopbackPort(url)).toBe(port));

  it("asks the lesson's own ports on the loopback, and refuses the rest before anything is sent", async () => {
    const limited = limitHttp(get, scope, daemon([]));
    await expect(limited("http://localhost:8080/")).resolves.toEqual({ status: 200, body: "ok" });
    await expect(limited("http://127.0.0.1:9000/")).resolves.toEqual({ status: 200, body: "ok" });
    await expect(limited("http://169.254.169.254/latest/meta-data/")).rejects.toMatchObject({
      code: "EOUTSIDELESSON",
      message:
        "a lesson pack's checks may ask only the loopback, on a port the lesson's own containers publish, and http://169.254.169.254/latest/meta-data/ is not on the loopback",
    });
    await expect(limited("http://localhost:7000/")).rejects.toThrow("no container or service of this lesson publishes port 7000");
    expect(asked).toEqual(["http://localhost:8080/", "http://127.0.0.1:9000/"]);
    expect(limitHttp(get, builtIn, daemon([]))).toBe(get);
  });

  it("an http check says the refusal as its actual", async () => {
    const result = await evaluateCheck(
      { kind: "http", url: "http://169.254.169.254/", status: 200 },
      { docker: daemon([]), scope, httpGet: limitHttp(get, scope, daemon([])) },
    );
    expect(result.actual).toBe(
      "a lesson pack's checks may ask only the loopback, on a port the lesson's own containers publish, and http://169.254.169.254/ is not on the loopback",
    );
  });
});

describe("packLimitsFor", () => {
  const entry = (source: string) => ({ source }) as CatalogEntry;
  const snapshot = { containers: ["old"], services: ["svc-old"] } as unknown as Snapshot;
  const label = { key: "docker-tutor.test-run", value: "r1" };

  it("limits packs only, by what appeared after the snapshot, and nothing is seen without one", () => {
    expect(packLimitsFor(entry("built-in"), snapshot, undefined)).toBeUndefined();
    const pack = packLimitsFor(entry("/packs/x"), snapshot, undefined);
    expect(pack?.containerMade({ id: "old", labels: {} })).toBe(false);
    expect(pack?.containerMade({ id: "new", labels: {} })).toBe(true);
    expect(pack?.serviceMade({ id: "svc-old" })).toBe(false);
    expect(pack?.serviceMade({ id: "svc-new" })).toBe(true);
    const unstarted = packLimitsFor(entry("/packs/x"), undefined, undefined);
    expect(unstarted?.containerMade({ id: "new", labels: {} })).toBe(false);
  });

  it("in a test run, a container counts with the run's label, or as a task of a service that appeared", () => {
    const run = packLimitsFor(entry("/packs/x"), snapshot, label);
    expect(run?.containerMade({ id: "new", labels: {} })).toBe(false);
    expect(run?.containerMade({ id: "new", labels: { [label.key]: "r1" } })).toBe(true);
    expect(run?.containerMade({ id: "task", labels: { "com.docker.swarm.service.id": "svc-new" } })).toBe(true);
    expect(run?.containerMade({ id: "task", labels: { "com.docker.swarm.service.id": "svc-old" } })).toBe(false);
  });
});
