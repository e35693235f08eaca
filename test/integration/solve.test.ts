import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { expectNothingNamed } from "../helpers/docker-cli.js";
import { requireDaemon, uniqueName } from "../helpers/engine-api.js";
import { lessonVars } from "../helpers/lesson-walk.js";
import { runCli } from "../helpers/run-cli.js";

/** `solve` runs lesson 1's solutions through the interpreter: no docker CLI on the PATH at all. */
beforeAll(async () => {
  await requireDaemon();
});

describe("docker-tutor solve 1 without a docker CLI", () => {
  it("solves every step through dockerode, checks each, and reset cleans up after it", async () => {
    const noDocker = mkdtempSync(join(tmpdir(), "dtt-nodocker-"));
    expect(spawnSync("docker", ["version"], { env: { PATH: noDocker } }).error).toMatchObject({ code: "ENOENT" });
    const data = { DOCKER_TUTOR_DATA_DIR: mkdtempSync(join(tmpdir(), "dtt-data-")) };
    const shell = uniqueName("shell");
    try {
      const result = await runCli(["--var", `shell=${shell}`, "solve", "1"], { env: { ...data, PATH: noDocker } });
      expect(result.stderr).not.toMatch(/✖/);
      expect(result.code, result.stdout).toBe(0);
      expect(result.stdout).toContain("$ docker container run hello-world");
      expect(result.stdout).toContain("Hello from Docker!");
      expect(result.stdout).toMatch(/✔ Every step solved\./);
      expect(result.stdout).not.toMatch(/^ {2}✖/m);
    } finally {
      const reset = await runCli(["--var", `shell=${shell}`, "reset", "1", "--yes"], { env: data });
      expect(reset.code, reset.stderr).toBe(0);
    }
  }, 120_000);
});

/**
 * The lessons solved here, each with its variables given: unique names, free ports. Lesson 5's
 * solve without a docker CLI is solve-then-check-5.test.ts's first solve (it needs the swarm lock).
 */
const given: Record<number, Record<string, string>> = { 2: {}, 3: {}, 4: {} };

describe("docker-tutor solve for the other lessons, through the interpreter only", () => {
  it.each(Object.keys(given).map(Number))(
    "lesson %i: every step solved and checked, then reset removes what it made",
    async (lesson) => {
      const noDocker = mkdtempSync(join(tmpdir(), "dtt-nodocker-"));
      const workdir = mkdtempSync(join(tmpdir(), "dtt-solve-"));
      chmodSync(workdir, 0o755); // nginx's workers (user nginx) read lesson 3's bind mount, as in a learner's folder
      const data = { DOCKER_TUTOR_DATA_DIR: mkdtempSync(join(tmpdir(), "dtt-data-")) };
      const vars = await lessonVars(lesson, given[lesson]);
      const varArgs = Object.entries(vars).flatMap(([name, value]) => ["--var", `${name}=${value}`]);
      try {
        const result = await runCli([...varArgs, "solve", String(lesson), "--workdir", workdir], { env: { ...data, PATH: noDocker } });
        expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
        expect(result.stdout).toMatch(/✔ Every step solved\./);
      } finally {
        const reset = await runCli([...varArgs, "reset", String(lesson), "--yes"], { env: data });
        expect(reset.code, reset.stderr).toBe(0);
        expectNothingNamed(vars);
        rmSync(workdir, { recursive: true, force: true });
      }
    },
    240_000,
  );
});
