import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { helpAfterFailure } from "../../src/cli/after-failure.js";
import { connectToDocker } from "../../src/docker/connect.js";
import { realHostWorld } from "../../src/docker/host-world.js";
import { LessonRun } from "../../src/engine/lesson-run.js";
import type { CatalogEntry } from "../../src/lessons/catalog.js";
import { lessonSchema, type Step } from "../../src/lessons/schema.js";
import { mustShell, shell } from "../helpers/docker-cli.js";
import { engineJson, pullImage, requireDaemon, uniqueName } from "../helpers/engine-api.js";
import { runCli } from "../helpers/run-cli.js";

/**
 * Unstuck in one step (issue 15): a name the lesson's own earlier try holds is named as such with
 * the one fix, and `r` / solve remove only that one; a container that was there before the lesson
 * survives, and the solution stops with one sentence instead of running into Docker's conflict.
 */
const own = uniqueName("web");
const foreign = uniqueName("foreign");
const net = uniqueName("net");
const mark = `--label dtt-taken-name=${process.pid}`;

function entry(): CatalogEntry {
  const container = (id: string, name: string): Step =>
    ({
      id,
      title: id,
      text: id,
      solution: [{ run: `docker run -d ${mark} --name ${name} busybox sleep 60` }],
      checks: [{ kind: "container", name, state: "running" }],
    }) as unknown as Step;
  const lesson = lessonSchema.parse({
    format: 1,
    id: "taken-name",
    number: 98,
    slug: "taken-name",
    title: "Taken names",
    summary: "s",
    minutes: 1,
    variables: { web: { default: own, description: "d" }, old: { default: foreign, description: "d" } },
    resources: { containers: [{ name: own }, { name: foreign }], networks: [net] },
    steps: [container("web", own), container("clash", foreign)],
  });
  return { lesson, file: "", assetDir: "", source: "built-in", variables: { web: own, old: foreign }, shellAllowed: false };
}

const idOf = async (name: string) => (await engineJson<{ Id: string }>(`/containers/${name}/json`)).Id;

beforeAll(async () => {
  await requireDaemon();
  await pullImage("busybox");
});

afterAll(async () => {
  await shell(`docker rm -f ${own} ${foreign}; docker network rm ${net}`);
});

describe("a name already taken, in the interactive lesson and in its solutions", () => {
  it("says whose it is with the one fix, and the solution removes only the lesson's own", async () => {
    const { client } = await connectToDocker({}, realHostWorld({ PATH: process.env.PATH, HOME: process.env.HOME }));
    await mustShell(`docker run ${mark} --name ${foreign} busybox true`);
    const foreignId = await idOf(foreign);
    const run = await LessonRun.open({ client, entry: entry(), snapshot: "fresh", workspace: mkdtempSync(join(tmpdir(), "dtt-taken-")) });
    // The learner's earlier try, and the same command again: Docker's conflict.
    await mustShell(`docker run ${mark} --name ${own} busybox true`);
    const again = `docker run -d --name ${own} busybox sleep 60`;
    const conflict = await shell(again);
    expect(conflict.code).not.toBe(0);
    expect(conflict.output).toContain(`Conflict. The container name "/${own}" is already in use`);
    const env = { vars: {}, cwd: process.cwd() };
    expect(await helpAfterFailure(again, run, env)).toMatch(
      new RegExp(
        `^\`${own}\` is the container from your earlier try \\(exited, made (less than a second|1 second|\\d+ seconds) ago\\): remove it with \`docker rm -f ${own}\`, then run your command again\\.$`,
      ),
    );
    expect(await helpAfterFailure(`docker run -d --name ${foreign} busybox sleep 60`, run, env)).toBe(
      `\`${foreign}\` is a container that was here before the lesson began, so it is not the lesson's and the tutor will not remove it: give the lesson another name (\`docker-tutor lesson 98 --var old=${foreign}-2\`), or remove it with \`docker rm -f ${foreign}\` if it is yours to lose.`,
    );
    // A network of the lesson's, made twice.
    await mustShell(`docker network create ${net}`);
    const twice = await shell(`docker network create ${net}`);
    expect(twice.output).toMatch(/already exists/);
    expect(await helpAfterFailure(`docker network create ${net}`, run, env)).toMatch(
      new RegExp(
        `^\`${net}\` is the network from your earlier try \\(made .* ago\\): remove it with \`docker network rm ${net}\`, then run your command again\\.$`,
      ),
    );

    // `r` on the step: the earlier try is removed first, saying so, and the solution runs.
    const [webStep, clashStep] = run.lesson.steps as [Step, Step];
    const oldId = await idOf(own);
    const said: string[] = [];
    const out = new PassThrough().resume();
    const io = { stdout: out, stderr: out, env: {}, announce: (what: string) => said.push(what) };
    expect(await run.runSolution(webStep, io)).toEqual({ ok: true });
    expect(said[0]).toMatch(
      new RegExp(
        `^# Removing \`${own}\`, the lesson's container from an earlier try \\(exited, made .* ago\\), as \`docker rm -f ${own}\` would\\.$`,
      ),
    );
    expect(said[1]).toBe(`$ docker run -d ${mark} --name ${own} busybox sleep 60`);
    expect(await idOf(own)).not.toBe(oldId);
    expect((await run.evaluate(webStep)).every((r) => r.pass)).toBe(true);

    // The foreign one survives: the solution stops with one sentence, before Docker's conflict.
    said.length = 0;
    expect(await run.runSolution(clashStep, io)).toMatchObject({ ok: false, notRun: true });
    expect(said).toEqual([
      `# \`${foreign}\` is a container that was here before the lesson began, so it is not the lesson's and the solution stops here rather than remove it: give the lesson another name (\`--var old=${foreign}-2\`), or remove it with \`docker rm -f ${foreign}\` if it is yours to lose.`,
    ]);
    expect(await idOf(foreign)).toBe(foreignId);
  }, 60_000);
});

describe("docker-tutor solve with a name already taken", () => {
  const shellName = uniqueName("shell");
  const before = uniqueName("shell-before");
  const data = { DOCKER_TUTOR_DATA_DIR: mkdtempSync(join(tmpdir(), "dtt-data-")) };
  afterAll(async () => {
    await runCli(["--var", `shell=${shellName}`, "reset", "1", "--yes"], { env: data });
    await shell(`docker rm -f ${before}`);
  });

  it("solving a step again removes the lesson's own container from the first time, saying so", async () => {
    const solveStep = () => runCli(["--var", `shell=${shellName}`, "solve", "1", "--step", "make-a-file"], { env: data });
    const first = await solveStep();
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).not.toContain("Removing");
    const second = await solveStep();
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(second.stdout).toMatch(
      new RegExp(
        `# Removing \`${shellName}\`, the lesson's container from an earlier try \\(exited, made .* ago\\), as \`docker rm -f ${shellName}\` would\\.`,
      ),
    );
    expect(second.stdout).toMatch(/✔ Every step solved\./);
  }, 120_000);

  it("a container that was there before the lesson stops solve and survives it", async () => {
    await mustShell(`docker run ${mark} --name ${before} busybox true`);
    const id = await idOf(before);
    const other = { DOCKER_TUTOR_DATA_DIR: mkdtempSync(join(tmpdir(), "dtt-data-")) };
    const result = await runCli(["--var", `shell=${before}`, "solve", "1", "--step", "make-a-file"], { env: other });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`container ${before} already exists and is not this lesson's`);
    expect(await idOf(before)).toBe(id);
  }, 60_000);
});
