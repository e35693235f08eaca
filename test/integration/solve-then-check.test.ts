import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { builtInLessonsDir } from "../../src/lessons/lesson-files.js";
import { expectNothingNamed } from "../helpers/docker-cli.js";
import { requireDaemon } from "../helpers/engine-api.js";
import { lessonVars } from "../helpers/lesson-walk.js";
import { runCli } from "../helpers/run-cli.js";

/**
 * Issue 18: a finished lesson grades as finished. After `solve N`, `check N` exits 0, though later
 * steps undo what earlier ones checked (lesson 3 replaces its containers, lesson 4 unplugs one):
 * the tutor saw each pass and recorded it. After `reset N` and `solve N` again, too, because reset
 * put the lesson's own files back in its workspace. Lesson 5 (swarm) is in solve-then-check-5.test.ts.
 */

interface CheckJson {
  passed: number;
  total: number;
  steps: { id: string; kind: string; pass: boolean | null; evidence: string | null; at: string | null; changedBy?: string }[];
}

beforeAll(async () => {
  await requireDaemon();
});

/** A lesson's variables as arguments, its data dir and its workspace: each test its own. */
async function setUp(lesson: number) {
  const workdir = mkdtempSync(join(tmpdir(), "dtt-solvecheck-"));
  chmodSync(workdir, 0o755); // nginx's workers (user nginx) read lesson 3's bind mount, as in a learner's folder
  const data = { DOCKER_TUTOR_DATA_DIR: mkdtempSync(join(tmpdir(), "dtt-data-")) };
  const vars = await lessonVars(lesson);
  const varArgs = Object.entries(vars).flatMap(([name, value]) => ["--var", `${name}=${value}`]);
  const cli = (...args: string[]) => runCli([...varArgs, ...args], { env: data });
  /** Nothing of the lesson's names is left on the daemon. */
  const nothingLeft = () => {
    expectNothingNamed(vars);
  };
  const tidy = async () => {
    await cli("reset", String(lesson), "--yes");
    rmSync(workdir, { recursive: true, force: true });
    rmSync(data.DOCKER_TUTOR_DATA_DIR, { recursive: true, force: true });
  };
  return { workdir, cli, nothingLeft, tidy };
}

async function solveThenCheck(
  cli: (...args: string[]) => Promise<{ code: number | null; stdout: string; stderr: string }>,
  lesson: number,
  workdir: string,
) {
  const solved = await cli("solve", String(lesson), "--workdir", workdir);
  expect(solved.code, `${solved.stdout}\n${solved.stderr}`).toBe(0);
  const checked = await cli("check", String(lesson), "--json");
  expect(checked.code, checked.stdout + checked.stderr).toBe(0);
  const grade = JSON.parse(checked.stdout) as CheckJson;
  expect(grade.passed).toBe(grade.total);
  // every task step rests on evidence the tutor has: the daemon now, or a pass it saw
  for (const step of grade.steps.filter((s) => s.kind === "task")) {
    expect(step.evidence, step.id).toMatch(/^(live|recorded)$/);
    expect(Number.isFinite(Date.parse(step.at ?? "")), step.id).toBe(true);
  }
  return grade;
}

const recordedOf = (grade: CheckJson) => grade.steps.filter((s) => s.evidence === "recorded" && s.kind === "task").map((s) => s.id);

describe("solve N, then check N exits 0; after reset N and solve N again, too", () => {
  it.each([1, 2])(
    "lesson %i",
    async (lesson) => {
      const t = await setUp(lesson);
      try {
        const first = await solveThenCheck(t.cli, lesson, t.workdir);
        expect((await t.cli("reset", String(lesson), "--yes")).code).toBe(0);
        const second = await solveThenCheck(t.cli, lesson, t.workdir);
        expect(second.steps.map((s) => s.pass)).toEqual(first.steps.map((s) => s.pass));
      } finally {
        await t.tidy();
        t.nothingLeft();
      }
    },
    240_000,
  );

  it("lesson 4: the step a later one unplugged passes by its record, naming that step; --live grades what is left", async () => {
    const t = await setUp(4);
    try {
      const grade = await solveThenCheck(t.cli, 4, t.workdir);
      expect(recordedOf(grade)).toEqual(["connect-second-network"]);
      expect(grade.steps.find((s) => s.id === "connect-second-network")?.changedBy).toBe("disconnect");
      const live = await t.cli("check", "4", "--live", "--json");
      expect(live.code).toBe(1);
      const liveGrade = JSON.parse(live.stdout) as CheckJson;
      expect(liveGrade.steps.filter((s) => s.kind === "task" && !s.pass).map((s) => s.id)).toEqual(["connect-second-network"]);
      const human = await t.cli("check", "4");
      // the time of day, after the date when the solve was on another day (a run across midnight)
      expect(human.stdout).toMatch(
        /✔ 10\. Plug a container into a second network passed at (\d{4}-\d\d-\d\d )?\d\d:\d\d \(recorded; step 12 since changed what it checked\)/,
      );
      expect((await t.cli("reset", "4", "--yes")).code).toBe(0);
      expect(recordedOf(await solveThenCheck(t.cli, 4, t.workdir))).toEqual(["connect-second-network"]);
    } finally {
      await t.tidy();
      t.nothingLeft();
    }
  }, 240_000);

  it("lesson 3, twice: reset restores the page the lesson ships, so the second solve grades as the first", async () => {
    const t = await setUp(3);
    const page = join(t.workdir, "index.html");
    const shipped = readFileSync(join(builtInLessonsDir(), "03-bind-mounts", "index.html"), "utf8");
    try {
      const first = await solveThenCheck(t.cli, 3, t.workdir);
      expect(recordedOf(first).length, "lesson 3 replaces and removes containers its earlier steps checked").toBeGreaterThan(0);
      expect(readFileSync(page, "utf8")).not.toBe(shipped);
      const reset = await t.cli("reset", "3", "--yes");
      expect(reset.code, reset.stdout + reset.stderr).toBe(0);
      expect(reset.stdout).toContain(`Restored the lesson's index.html in ${t.workdir}`);
      expect(readFileSync(page, "utf8")).toBe(shipped);
      const afterReset = await t.cli("check", "3", "--json");
      expect((JSON.parse(afterReset.stdout) as CheckJson).passed, "reset forgot the recorded passes").toBe(0);
      // No terminal and no --yes: a page the learner changed stays, and reset says how to restore it.
      writeFileSync(page, "my own page");
      const asked = await t.cli("reset", "3", "--workdir", t.workdir);
      expect(asked.code, asked.stdout + asked.stderr).toBe(0);
      expect(asked.stdout).toContain(`Left index.html in ${t.workdir} as you changed it`);
      expect(asked.stdout).toContain(`docker-tutor reset 3 --yes --workdir ${t.workdir}`);
      expect(readFileSync(page, "utf8")).toBe("my own page");
      expect((await t.cli("reset", "3", "--yes", "--workdir", t.workdir)).code).toBe(0);
      expect(readFileSync(page, "utf8")).toBe(shipped);
      const second = await solveThenCheck(t.cli, 3, t.workdir);
      expect(second.steps.map((s) => s.pass)).toEqual(first.steps.map((s) => s.pass));
    } finally {
      await t.tidy();
      t.nothingLeft();
    }
  }, 360_000);
});
