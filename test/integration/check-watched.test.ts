import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/lessons/catalog.js";
import { requireDaemon } from "../helpers/engine-api.js";
import { lessonVars } from "../helpers/lesson-walk.js";
import { runCli } from "../helpers/run-cli.js";

/** Lesson 4's graded steps: its tasks and challenges (a challenge keeps its commands:, hidden from the learner, so the script does it too). */
const gradedSteps =
  loadCatalog([], {})
    .find((e) => e.lesson.number === 4)
    ?.lesson.steps.filter((s) => s.kind !== "quiz").length ?? 0;
/**
 * Issue 18, "Grading a run you watch": a script of the commands lesson 4 shows the learner (its
 * `commands:`, not its solutions), run with the docker CLI under `check 4 -- bash script.sh`,
 * grades 100%, though its step 12 unplugs what step 10 plugged in: the tutor saw step 10 pass.
 */

/** A placeholder the learner fills in by reading earlier output, as a script would compute it. */
const PLACEHOLDERS: readonly [RegExp, (name: string) => string][] = [
  [/<address of ([^>]+)>/g, (name) => `$(docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' ${name})`],
];

/** The script a student would hand in: every command every step of the lesson shows, in order, with the run's variables. */
async function lessonScript(number: number, vars: Readonly<Record<string, string>>): Promise<string> {
  const entry = loadCatalog([], vars).find((e) => e.lesson.number === number);
  if (!entry) throw new Error(`no lesson ${number}`);
  const lines = entry.lesson.steps.flatMap((step) => [
    `# ${step.id}`,
    ...step.commands.map((command) =>
      PLACEHOLDERS.reduce((line, [pattern, fill]) => line.replace(pattern, (_, name: string) => fill(name)), command),
    ),
  ]);
  const unfilled = lines.filter((line) => /<[^>]+>/.test(line) && !line.startsWith("#"));
  if (unfilled.length > 0) throw new Error(`the script still has placeholders: ${unfilled.join("; ")}`);
  return `${lines.join("\n")}\n`;
}

interface CheckJson {
  passed: number;
  total: number;
  steps: { id: string; kind: string; pass: boolean | null; evidence: string | null; changedBy?: string }[];
  command: { argv: string[]; exitCode: number | null; signal: string | null };
}

const out = mkdtempSync(join(tmpdir(), "dtt-watched-"));
const data = { DOCKER_TUTOR_DATA_DIR: join(out, "data") };
let vars: Record<string, string> = {};
let varArgs: string[] = [];

beforeAll(async () => {
  await requireDaemon();
  vars = await lessonVars(4);
  varArgs = Object.entries(vars).flatMap(([name, value]) => ["--var", `${name}=${value}`]);
});

afterAll(async () => {
  await runCli([...varArgs, "reset", "4", "--yes"], { env: data });
  for (const name of [vars.sleeper, vars.pinger, vars.web, vars.app, vars.db]) {
    expect(
      spawnSync("docker", ["ps", "-aq", "--filter", `name=^${name}$`])
        .stdout.toString()
        .trim(),
      `${name} is gone after reset`,
    ).toBe("");
  }
  expect(
    spawnSync("docker", ["network", "ls", "-q", "--filter", `name=^${vars.net}$`])
      .stdout.toString()
      .trim(),
  ).toBe("");
  rmSync(out, { recursive: true, force: true });
});

describe("docker-tutor check 4 -- bash script.sh", () => {
  it("grades a script of the lesson's own commands 100%, the step it undid by the record the tutor made as it watched", async () => {
    const script = join(out, "lab4.sh");
    writeFileSync(script, await lessonScript(4, vars));
    const result = await runCli([...varArgs, "check", "4", "--json", "--", "bash", script], { env: data });
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    const grade = JSON.parse(result.stdout) as CheckJson;
    expect(grade).toMatchObject({
      passed: gradedSteps,
      total: gradedSteps,
      command: { argv: ["bash", script], exitCode: 0, signal: null },
    });
    const recorded = grade.steps.filter((s) => s.kind === "task" && s.evidence === "recorded");
    expect(recorded.map((s) => [s.id, s.changedBy])).toEqual([["connect-second-network", "disconnect"]]);
    // the script's own output went to stderr with the tutor's, so stdout is the JSON alone
    expect(result.stderr).toContain("seen passing: Plug a container into a second network");
    expect(result.stderr).toMatch(/bad address/);
  }, 180_000);

  it("a failing command is said, and its exit code given; the grade still counts what was done before", async () => {
    const script = join(out, "fails.sh");
    writeFileSync(script, "docker network ls > /dev/null\nexit 3\n");
    const result = await runCli([...varArgs, "check", "4", "--", "bash", script], { env: data });
    expect(result.stderr).toContain(`\`bash ${script}\` exited with 3: it failed. The grade counts what it did.`);
    // the first test's passes were recorded, and its containers are still there
    expect(result.stdout).toContain(`Score ${gradedSteps}/${gradedSteps} task steps pass`);
    expect(result.code).toBe(0);
  }, 120_000);
});
