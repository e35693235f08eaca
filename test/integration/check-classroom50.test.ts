import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { requireDaemon, uniqueName } from "../helpers/engine-api.js";
import { runCli } from "../helpers/run-cli.js";

/** `check --classroom50` on a lesson done in part: the file a grading workflow hands Classroom 50. */
const out = mkdtempSync(join(tmpdir(), "dtt-classroom50-"));
const data = { DOCKER_TUTOR_DATA_DIR: join(out, "data") };
const vars = ["--var", `shell=${uniqueName("shell")}`];
const lesson = parse(readFileSync(new URL("../../lessons/01-hello-world.yaml", import.meta.url), "utf8")) as {
  steps: { id: string; kind?: string; points?: number }[];
};
const tasks = lesson.steps.filter((s) => s.kind !== "quiz");

beforeAll(async () => {
  await requireDaemon();
  const solved = await runCli([...vars, "solve", "1", "--step", "run-hello-world"], { env: data });
  expect(solved.code, solved.stdout + solved.stderr).toBe(0);
}, 120_000);

afterAll(async () => {
  await runCli([...vars, "reset", "1", "--yes"], { env: data });
  rmSync(out, { recursive: true, force: true });
});

describe("docker-tutor check --classroom50", () => {
  it("writes result.json: the runner's fields (null when unset), a test per task step, partial credit", async () => {
    const file = join(out, "result.json");
    const env = { ...data, CLASSROOM: "docker-101", ASSIGNMENT: "lab-1", SUBMISSION_TAG: "", COMMIT_URL: "https://example.test/c/1" };
    const checked = await runCli([...vars, "check", "1", "--classroom50", file], { env: { ...env, RELEASE_URL: undefined } });
    expect(checked.code, checked.stderr).toBe(1);
    const result = JSON.parse(readFileSync(file, "utf8"));
    expect(result).toMatchObject({
      schema: "classroom50/result/v1",
      classroom: "docker-101",
      assignment: "lab-1",
      submission: null,
      commit: "https://example.test/c/1",
      release: null,
      review: null,
    });
    expect(Date.parse(result.datetime)).toBeGreaterThan(Date.now() - 120_000);
    const first = result.tests[0];
    expect(first).toEqual({ "test-name": expect.stringMatching(/^run-hello-world: /), passed: true, score: 1, "max-score": 1 });
    // lesson 1's task steps, each worth its points (1 unless the lesson says): the quizzes are not tests
    expect(result.tests.map((t: { "test-name": string }) => t["test-name"].split(":")[0])).toEqual(tasks.map((s) => s.id));
    expect(result["max-score"]).toBe(tasks.reduce((sum, s) => sum + (s.points ?? 1), 0));
    expect(result.score).toBe(
      result.tests.filter((t: { passed: boolean }) => t.passed).reduce((sum: number, t: { score: number }) => sum + t.score, 0),
    );
    expect(result.score).toBeLessThan(result["max-score"]);
  });
});
