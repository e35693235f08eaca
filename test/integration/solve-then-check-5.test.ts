import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { withSwarmLock } from "../../src/testing/swarm-lock.js";
import { expectNothingNamed } from "../helpers/docker-cli.js";
import { requireDaemon } from "../helpers/engine-api.js";
import { lessonVars } from "../helpers/lesson-walk.js";
import { runCli } from "../helpers/run-cli.js";

/**
 * Issue 18 for lesson 5 (swarm), which the lead runs: after `solve 5`, `check 5` exits 0 though its
 * clean-up step removes the service and the stack earlier steps checked (the tutor saw them pass);
 * after `reset 5` and `solve 5` again, too. It must begin outside a swarm: the swarm the lesson
 * starts is the one reset leaves. The first solve runs with no docker CLI on the PATH (through the
 * interpreter only, as solve.test.ts does lessons 1-4), and reset leaves nothing of the lesson's names.
 */

interface CheckJson {
  passed: number;
  total: number;
  steps: { id: string; kind: string; pass: boolean | null; evidence: string | null }[];
}

const swarmState = () => spawnSync("docker", ["info", "--format", "{{.Swarm.LocalNodeState}}"]).stdout.toString().trim();

beforeAll(async () => {
  await requireDaemon();
});

describe("lesson 5: solve, then check exits 0; after reset and solve again, too", () => {
  // Takes turns with `docker-tutor test` runs of swarm lessons elsewhere on this machine (their lock).
  it("every task step passes, live or by the pass the tutor recorded", () => withSwarmLock(solveCheckResetTwice), 1_500_000);
});

async function solveCheckResetTwice(): Promise<void> {
  const state = swarmState();
  if (state !== "inactive") {
    throw new Error(`this test must begin outside a swarm, but the daemon's swarm state is "${state}" (not this test's to leave)`);
  }
  const workdir = mkdtempSync(join(tmpdir(), "dtt-solvecheck5-"));
  const data = { DOCKER_TUTOR_DATA_DIR: mkdtempSync(join(tmpdir(), "dtt-data-")) };
  const vars = await lessonVars(5, { addr: "127.0.0.1" });
  const varArgs = Object.entries(vars).flatMap(([k, v]) => ["--var", `${k}=${v}`]);
  const cli = (args: string[], env: Record<string, string> = {}) => runCli([...varArgs, ...args], { env: { ...data, ...env } });
  const noDocker = mkdtempSync(join(tmpdir(), "dtt-nodocker-"));
  expect(spawnSync("docker", ["version"], { env: { PATH: noDocker } }).error).toMatchObject({ code: "ENOENT" });
  const solveThenCheck = async (env: Record<string, string> = {}) => {
    const solved = await cli(["solve", "5", "--workdir", workdir], env);
    expect(solved.code, `${solved.stdout}\n${solved.stderr}`).toBe(0);
    const checked = await cli(["check", "5", "--json"]);
    expect(checked.code, checked.stdout + checked.stderr).toBe(0);
    const grade = JSON.parse(checked.stdout) as CheckJson;
    expect(grade.passed).toBe(grade.total);
    // its clean-up step removed what earlier steps checked: those pass by their record
    expect(grade.steps.filter((s) => s.kind === "task" && s.evidence === "recorded").length).toBeGreaterThan(0);
    return grade;
  };
  try {
    const first = await solveThenCheck({ PATH: noDocker });
    const reset = await cli(["reset", "5", "--yes"]);
    expect(reset.code, reset.stdout + reset.stderr).toBe(0);
    const second = await solveThenCheck();
    expect(second.steps.map((s) => s.pass)).toEqual(first.steps.map((s) => s.pass));
  } finally {
    expect((await cli(["reset", "5", "--yes"])).code).toBe(0);
    // The playground solve started for the two-node part is the learner's to remove.
    if (vars.env) expect((await runCli(["env", "down", "--name", vars.env])).code).toBe(0);
    expect(swarmState(), "reset leaves the swarm the lesson started").toBe("inactive");
    expectNothingNamed(vars);
    rmSync(noDocker, { recursive: true, force: true });
    rmSync(workdir, { recursive: true, force: true });
    rmSync(data.DOCKER_TUTOR_DATA_DIR, { recursive: true, force: true });
  }
}
