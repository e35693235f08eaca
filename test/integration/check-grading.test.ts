import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../src/testing/isolation.js";
import { engineJson, requireDaemon, uniqueName } from "../helpers/engine-api.js";
import { runCli } from "../helpers/run-cli.js";

/** `check` grades a half-done lesson 4 and changes nothing on the daemon while it does. */
const out = mkdtempSync(join(tmpdir(), "dtt-grade-"));
const data = { DOCKER_TUTOR_DATA_DIR: join(out, "data") };
const xsd = fileURLToPath(new URL("../fixtures/junit/junit.xsd", import.meta.url));
let varArgs: string[] = [];

/** Every object the daemon has, with the state that could change: what a grading run must leave alone. */
async function daemonState(): Promise<unknown> {
  const [containers, images, networks, volumes] = await Promise.all([
    engineJson<{ Id: string; State: string; Status: string }[]>("/containers/json?all=true"),
    engineJson<{ Id: string; RepoTags: string[] | null }[]>("/images/json"),
    engineJson<{ Id: string; Containers?: Record<string, unknown> }[]>("/networks"),
    engineJson<{ Volumes: { Name: string }[] | null }>("/volumes"),
  ]);
  return {
    containers: containers.map((c) => `${c.Id} ${c.State}`).sort(),
    images: images.map((i) => `${i.Id} ${(i.RepoTags ?? []).join(",")}`).sort(),
    networks: networks.map((n) => n.Id).sort(),
    volumes: (volumes.Volumes ?? []).map((v) => v.Name).sort(),
  };
}

beforeAll(async () => {
  await requireDaemon();
  const vars = {
    sleeper: uniqueName("sleeper"),
    pinger: uniqueName("pinger"),
    web: uniqueName("web"),
    port: String(await freePort()),
    net: uniqueName("net"),
    app: uniqueName("app"),
    db: uniqueName("db"),
    hub: uniqueName("hub"),
    front: uniqueName("front"),
    back: uniqueName("back"),
  };
  varArgs = Object.entries(vars).flatMap(([k, v]) => ["--var", `${k}=${v}`]);
  for (const step of ["run-on-bridge", "reach-by-address", "publish-port"]) {
    const solved = await runCli([...varArgs, "solve", "4", "--step", step], { env: data });
    expect(solved.code, solved.stdout + solved.stderr).toBe(0);
  }
}, 120_000);

afterAll(async () => {
  await runCli([...varArgs, "reset", "4", "--yes"], { env: data });
  rmSync(out, { recursive: true, force: true });
});

describe("docker-tutor check on a half-done lesson", () => {
  it("reports the steps done and not done, the score, and writes JUnit and Markdown, changing nothing", async () => {
    const junit = join(out, "grade.xml");
    const report = join(out, "grade.md");
    const before = await daemonState();
    const result = await runCli([...varArgs, "check", "4", "--json", "--junit", junit, "--report", report], { env: data });
    expect(await daemonState(), "grading changed the daemon").toEqual(before);
    expect(result.code).toBe(1);
    const grade = JSON.parse(result.stdout) as {
      passed: number;
      total: number;
      steps: { id: string; kind: string; pass: boolean | null }[];
    };
    const verdicts = Object.fromEntries(grade.steps.filter((s) => s.kind !== "quiz").map((s) => [s.id, s.pass]));
    expect(verdicts).toEqual({
      "run-on-bridge": true,
      "reach-by-address": true,
      "publish-port": true,
      "create-network": false,
      "names-on-user-network": false,
      "connect-second-network": false,
      disconnect: false,
      "challenge-private-pair": false,
    });
    expect(grade.steps.find((s) => s.id === "challenge-private-pair")?.kind).toBe("challenge");
    expect(grade).toMatchObject({ passed: 3, total: 8 });

    const xmllint = spawnSync("xmllint", ["--noout", "--schema", xsd, junit], { encoding: "utf8" });
    expect(xmllint.error, "xmllint (libxml2-utils) is needed").toBeUndefined();
    expect(`${xmllint.stderr}`).toMatch(/validates/);
    expect(readFileSync(junit, "utf8")).toContain('tests="8" failures="5"');

    const markdown = readFileSync(report, "utf8");
    expect(markdown).toContain("## Lesson 4: Container networks");
    expect(markdown).toContain("**Score: 3/8** task steps pass");
    expect(markdown).toMatch(/- Docker: Docker Engine \S+ \(API \d\.\d+\)/);
    expect(markdown).toMatch(/\| 7 \| A network of your own \| \*\*fail\*\* \| 0 \| expected network `/);

    const human = await runCli([...varArgs, "check", "4"], { env: data });
    expect(human.stdout).toMatch(/Score 3\/8 task steps pass · 0 hints used/);
  }, 120_000);
});
