import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mustShell } from "../helpers/docker-cli.js";
import { engineRequest, requireDaemon } from "../helpers/engine-api.js";
import { runCli } from "../helpers/run-cli.js";

/** `docker-tutor test`: content CI for lessons, run here against the real daemon. */
const pack = fileURLToPath(new URL("../fixtures/test-pack", import.meta.url));
const xsd = fileURLToPath(new URL("../fixtures/junit/junit.xsd", import.meta.url));
const out = mkdtempSync(join(tmpdir(), "dtt-testcmd-"));
const data = { DOCKER_TUTOR_DATA_DIR: join(out, "data") };

/** Validates with xmllint against the JUnit XSD; CI installs it (libxml2-utils). */
function validatesAgainstJunitXsd(file: string): string {
  const result = spawnSync("xmllint", ["--noout", "--schema", xsd, file], { encoding: "utf8" });
  if (result.error) throw new Error(`xmllint is needed to validate JUnit files (apt-get install libxml2-utils): ${result.error.message}`);
  return `${result.stdout}${result.stderr}`.trim();
}

const volumesNamed = async (prefix: string): Promise<string[]> => {
  const { text } = await engineRequest("GET", "/volumes");
  return ((JSON.parse(text) as { Volumes: { Name: string }[] | null }).Volumes ?? [])
    .map((v) => v.Name)
    .filter((n) => n.startsWith(prefix));
};

beforeAll(async () => {
  await requireDaemon();
  await mustShell("docker pull -q alpine >/dev/null");
});

afterAll(() => {
  rmSync(out, { recursive: true, force: true });
});

describe("docker-tutor test", () => {
  it("lesson 1 --twice: a line per step with its phase, the totals line, a JUnit file that validates, nothing left for the second run", async () => {
    const junit = join(out, "lesson1.xml");
    const result = await runCli(["test", "1", "--twice", "--junit", junit], { env: data });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^ok +1 hello-world › run-hello-world +after +\d+\.\d\d s$/m);
    expect(result.stdout).toMatch(/^ok +1 hello-world › quiz-last-image +quiz /m);
    expect(result.stdout).toMatch(/^ok +1 hello-world › cleanup +cleanup .*removed\)$/m);
    // Lesson 1's challenge: its solution, one other solution and two near misses, each a line and a testcase.
    expect(result.stdout).toMatch(/^ok +1 hello-world › challenge-motto › wrong attempt 2 +after .*\(refused: .*is running, not exited/m);
    expect(result.stdout).toMatch(/^ok +1 hello-world › challenge-motto › alternative 1 +after /m);
    // The second run on the same daemon finds nothing of the first in its way.
    expect(result.stdout.match(/^Lesson 1 · .*\(run \d of 2\)$/gm)).toEqual([
      "Lesson 1 · Hello, containers (run 1 of 2)",
      "Lesson 1 · Hello, containers (run 2 of 2)",
    ]);
    expect(result.stdout.match(/^ok +1 hello-world › cleanup +cleanup .*removed\)$/gm)).toHaveLength(2);
    expect(result.stdout.trimEnd().split("\n").slice(-2)).toEqual([
      "36 passed, 0 failed",
      "challenge attempts: 4 correct passed, 4 wrong refused",
    ]);
    expect(validatesAgainstJunitXsd(junit)).toMatch(/validates$/);
    const xml = readFileSync(junit, "utf8");
    expect(xml.match(/<testsuite name="lesson 1 hello-world" tests="18" failures="0"/g)).toHaveLength(2);
  }, 180_000);

  it("two runs at once on one daemon both pass: every name gets its own suffix, every port its own free port", async () => {
    // Two processes, each a lesson at a time: lessons at once in one process are the --jobs test's.
    const [a, b] = await Promise.all([
      runCli(["test", "1", "4", "--jobs", "1"], { env: data }),
      runCli(["test", "1", "4", "--jobs", "1"], { env: data }),
    ]);
    expect(a.code, a.stdout).toBe(0);
    expect(b.code, b.stdout).toBe(0);
    for (const run of [a, b]) {
      expect(run.stdout.trimEnd().split("\n").slice(-2)).toEqual([
        "38 passed, 0 failed",
        "challenge attempts: 4 correct passed, 5 wrong refused",
      ]);
    }
  }, 300_000);

  it("--jobs 2: two lessons at once both pass, each lesson's lines together, in the order asked for (the shorter one, run beside, waits its turn)", async () => {
    const result = await runCli(["test", "4", "1", "--jobs", "2"], { env: data });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    const lessonOf = (l: string) => l.match(/^(?:not )?ok +(\d+) /)?.[1] ?? l.match(/^Lesson (\d+) ·/)?.[1];
    const order = lines.map(lessonOf).filter((n) => n !== undefined);
    const four = order.filter((n) => n === "4").length;
    expect(order, result.stdout).toEqual([...Array(four).fill("4"), ...Array(order.length - four).fill("1")]);
    expect(lines[0]).toMatch(/^Lesson 4 · /);
    expect(lines.find((l) => l.startsWith("Lesson 1 ·"))).toBeDefined();
    expect(lines.slice(-2)).toEqual(["38 passed, 0 failed", "challenge attempts: 4 correct passed, 5 wrong refused"]);
  }, 300_000);

  it("a broken lesson fails in the phase that is wrong, with expected and actual, annotations and JUnit failures", async () => {
    const junit = join(out, "broken.xml");
    const result = await runCli(["--lessons-dir", pack, "test", "61", "--junit", junit], { env: { ...data, GITHUB_ACTIONS: "true" } });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^not ok +61 broken-for-test › passes-already +before /m);
    expect(result.stdout).toContain("its checks pass before its solution ran");
    expect(result.stdout).toMatch(/^not ok +61 broken-for-test › wrong-solution +after /m);
    expect(result.stdout).toMatch(/expected: volume `?fixture-vol-\w{5}-other`? exists/);
    expect(result.stdout).toMatch(/^not ok +61 broken-for-test › failing-command +solve /m);
    expect(result.stdout).toMatch(/`docker image inspect fixture-vol-\w{5}-no-such-image` exited with 1/);
    expect(result.stdout).toMatch(/^not ok +61 broken-for-test › cleanup +cleanup /m);
    expect(result.stdout).toMatch(/reset would leave these behind \(declare them in the lesson's resources\): volume fixture-stray-\w{5}/);
    const lines = readFileSync(join(pack, "61-broken.yaml"), "utf8").split("\n");
    const lineOf = (id: string) => lines.findIndex((l) => l.includes(`- id: ${id}`)) + 1;
    expect(result.stdout).toContain(
      `::error file=${relative(process.cwd(), join(pack, "61-broken.yaml"))},line=${lineOf("wrong-solution")},title=lesson 61 › wrong-solution::`,
    );
    expect(result.stdout.trimEnd().split("\n").at(-1)).toBe("1 passed, 4 failed");
    expect(validatesAgainstJunitXsd(junit)).toMatch(/validates$/);
    expect(readFileSync(junit, "utf8")).toMatch(/<failure message="\[after\] its checks still fail after its solution" type="after">/);
    expect(await volumesNamed("fixture-stray-"), "the run removed even what the lesson forgot to declare").toEqual([]);
    expect(await volumesNamed("fixture-vol-")).toEqual([]);
  }, 120_000);

  it("--keep leaves what the run made and prints the commands that remove it; --json is machine-readable", async () => {
    const result = await runCli(["--lessons-dir", pack, "test", "62", "--keep"], { env: data });
    expect(result.code, result.stdout).toBe(0);
    const command = result.stdout.match(/^ {2}(docker volume rm fixture-good-\w{5})$/m)?.[1];
    expect(command, result.stdout).toBeDefined();
    const name = command?.split(" ").at(-1) ?? "";
    expect(await volumesNamed(name)).toEqual([name]);
    execFileSync("sh", ["-c", command ?? "false"]);
    expect(await volumesNamed(name)).toEqual([]);

    const json = await runCli(["--lessons-dir", pack, "test", "62", "--json"], { env: data });
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as {
      passed: number;
      failed: number;
      runs: { suffix: string; steps: { id: string; ok: boolean }[] }[];
    };
    expect(report).toMatchObject({ passed: 2, failed: 0 });
    expect(report.runs[0]?.steps.map((s) => [s.id, s.ok])).toEqual([
      ["make-volume", true],
      ["cleanup", true],
    ]);
  }, 120_000);
});
