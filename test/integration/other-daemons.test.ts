import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { type SideDaemon, sideDaemonHost, sideJson } from "../helpers/side-daemons.js";

interface DoctorJson {
  engine: { product: string; version: string };
  items: { id: string; status: string; value: string; fix?: string }[];
  routingMesh: { status: string; evidence: string };
}

/** Every container, network and volume on the daemon, by id: what "nothing was created" compares. */
async function everything(host: string): Promise<string[]> {
  const [containers, networks, volumes] = await Promise.all([
    sideJson<{ Id: string }[]>(host, "/containers/json?all=true"),
    sideJson<{ Id: string }[]>(host, "/networks"),
    sideJson<{ Volumes: { Name: string }[] | null }>(host, "/volumes"),
  ]);
  return [
    ...containers.map((c) => `c:${c.Id}`),
    ...networks.map((n) => `n:${n.Id}`),
    ...(volumes.Volumes ?? []).map((v) => `v:${v.Name}`),
  ].sort();
}

const cases: { daemon: SideDaemon; engine: RegExp; why: RegExp }[] = [
  {
    daemon: "podman",
    engine: /^Podman \d+\.\d+\.\d+/,
    why: /^✖ Lesson 5 needs swarm mode, and Podman \d+\.\d+\.\d+\S* has no swarm mode\.$/m,
  },
  {
    daemon: "rootless",
    engine: /^Docker Engine \d+\.\d+\.\d+\S*, rootless/,
    why: /^✖ Lesson 5 needs swarm mode, and rootless Docker \(Docker Engine \S+\) has no overlay networks, which swarm services need\.$/m,
  },
];

describe.each(cases)("the $daemon daemon", ({ daemon, engine, why }) => {
  const env = () => ({ DOCKER_HOST: sideDaemonHost(daemon), DOCKER_TUTOR_DATA_DIR: mkdtempSync(join(tmpdir(), `dtt-${daemon}-`)) });

  it("doctor names it and says which lessons it can run", async () => {
    const result = await runCli(["doctor", "--json"], { env: env() });
    const report = JSON.parse(result.stdout) as DoctorJson;
    const item = (id: string) => report.items.find((i) => i.id === id);
    expect(item("engine")?.value).toMatch(engine);
    expect(item("lessons")).toMatchObject({
      status: "warn",
      value: expect.stringMatching(/^1, 2, 3, 4 can run here; 5 cannot: it needs swarm mode/),
    });
    expect(item("lessons")?.fix).toMatch(/^Run it against a Docker Engine that runs as root/);
    expect(item("swarm")?.value).toMatch(/^not available: /);
    if (daemon === "rootless") {
      // Its host network is RootlessKit's namespace: a probe there would answer for the wrong kernel.
      expect(report.routingMesh.status).toBe("unknown");
      expect(item("routing-mesh")?.value).toMatch(/^not known: .*RootlessKit's network namespace/);
    }
  });

  it("refuses lesson 5 in one sentence, before anything is made or recorded", async () => {
    const settings = env();
    const before = await everything(settings.DOCKER_HOST);
    for (const args of [
      ["solve", "5", "--yes"],
      ["check", "5"],
    ]) {
      const result = await runCli(args, { env: settings });
      expect(result.code, `${args.join(" ")}: ${result.stdout}${result.stderr}`).toBe(2);
      expect(result.stderr).toMatch(why);
      expect(result.stderr).toMatch(/Run it against a Docker Engine that runs as root/);
      expect(result.stderr).not.toMatch(/ at .*\.js:\d+/);
    }
    const tested = await runCli(["test", "5"], { env: settings });
    expect(tested.code).toBe(1);
    expect(tested.stdout).toMatch(/not ok\s+5 swarm › daemon/);
    expect(tested.stdout).toMatch(/Lesson 5 needs swarm mode, and /);
    expect(tested.stdout).toMatch(/0 passed, 1 failed/);
    expect(await everything(settings.DOCKER_HOST)).toEqual(before);
    const progress = join(settings.DOCKER_TUTOR_DATA_DIR, "progress.json");
    if (existsSync(progress)) expect(readFileSync(progress, "utf8")).not.toMatch(/swarm/);
  });
});
