import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mustShell, shell } from "../helpers/docker-cli.js";
import { requireDaemon } from "../helpers/engine-api.js";
import { runCli, startCli } from "../helpers/run-cli.js";
import { startStallRegistry } from "../helpers/stall-registry.js";
import { ensureSwarm } from "./checks/daemon-fixtures.js";

/**
 * The foreign-resource audit: things that are not the tutor's (containers running and stopped,
 * one named like lesson 3's, an image tagged like lesson 3's, a network, a volume with data, and a
 * service in a swarm) must come through `test` of every lesson and `solve` + `reset` of every
 * lesson exactly as they were: same ids, same states, same data.
 */
const F = `dtt-foreign-${process.pid}`;
const LESSON3_NAME = "linux_tweet_app";
const LESSON3_TAG = "student/linux_tweet_app:1.0";
const INTERRUPT_PACK = fileURLToPath(new URL("../fixtures/interrupt-pack", import.meta.url));
const data = { DOCKER_TUTOR_DATA_DIR: mkdtempSync(join(tmpdir(), "dtt-audit-")) };
let leaveSwarm: () => Promise<void> = async () => {};
let before = "";

const q = (line: string) => mustShell(line).then((out) => out.trim());

/** Everything the audit compares, as text: ids, states, tags, the volume's file, the service's spec version. */
async function foreignState(): Promise<string> {
  return [
    await q(`docker inspect -f '{{.Name}} {{.Id}} {{.State.Status}} {{.State.StartedAt}}' ${F}-run ${F}-stopped ${LESSON3_NAME}`),
    await q(`docker image inspect -f '{{.Id}} {{json .RepoTags}}' ${LESSON3_TAG} ${F}-img:1`),
    await q(`docker network inspect -f '{{.Id}} {{.Name}}' ${F}-net`),
    await q(`docker volume inspect -f '{{.Name}} {{.CreatedAt}}' ${F}-vol`),
    await q(`docker run --rm -v ${F}-vol:/d alpine cat /d/keep.txt`),
    await q(`docker service inspect -f '{{.ID}} {{.Spec.Name}} {{.Version.Index}}' ${F}-svc`),
  ].join("\n");
}

beforeAll(async () => {
  await requireDaemon();
  for (const name of [LESSON3_NAME]) {
    const taken = await shell(`docker inspect ${name}`);
    expect(taken.code, `the audit makes a container named ${name} (lesson 3's default): this daemon has one already`).not.toBe(0);
  }
  await q(`docker pull -q alpine`);
  await q(`docker run -d --name ${F}-run alpine sleep 3600`);
  await q(`docker run --name ${F}-stopped alpine true`);
  await q(`docker run -d --name ${LESSON3_NAME} alpine sleep 3600`);
  await q(`printf 'FROM alpine\\nLABEL dtt.foreign=${F}\\n' | docker build -q -t ${LESSON3_TAG} -t ${F}-img:1 -`);
  await q(`docker network create ${F}-net`);
  await q(`docker volume create ${F}-vol`);
  await q(`docker run --rm -v ${F}-vol:/d alpine sh -c 'echo mine > /d/keep.txt'`);
  leaveSwarm = (await ensureSwarm()).leave;
  await q(`docker service create -d -q --name ${F}-svc alpine sleep 3600`);
  before = await foreignState();
}, 180_000);

afterAll(async () => {
  await shell(`docker service rm ${F}-svc; docker rm -f ${F}-run ${F}-stopped ${LESSON3_NAME}; docker rmi ${LESSON3_TAG} ${F}-img:1`);
  await shell(`docker network rm ${F}-net; docker volume rm ${F}-vol`);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  await leaveSwarm();
  rmSync(data.DOCKER_TUTOR_DATA_DIR, { recursive: true, force: true });
}, 180_000);

describe("the foreign-resource audit", () => {
  it("docker-tutor test of every lesson leaves everything foreign as it was", async () => {
    const result = await runCli(["test"], { env: data });
    expect(result.code, result.stdout).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    // the totals, then the challenges' attempts (every built-in lesson ends with one)
    expect(lines.at(-2)).toMatch(/^\d+ passed, 0 failed$/);
    expect(lines.at(-1)).toMatch(/^challenge attempts: \d+ correct passed, \d+ wrong refused$/);
    expect(await foreignState()).toBe(before);
  }, 600_000);

  it("solve and reset of every lesson leave everything foreign as it was; a clashing name stops solve", async () => {
    // lesson 5's two-node part runs on a playground of the audit's own, removed below
    const playground = `dtt-audit-${process.pid}`;
    for (const lesson of ["1", "2", "3", "4", "5"]) {
      const solved = await runCli(
        ["--var", `env=${playground}`, "solve", lesson, "--workdir", join(data.DOCKER_TUTOR_DATA_DIR, `work-${lesson}`)],
        { env: data },
      );
      if (lesson === "3") {
        expect(solved.code).toBe(2);
        expect(solved.stderr).toContain(`container ${LESSON3_NAME}, image ${LESSON3_TAG} already exist and are not this lesson's`);
        expect(solved.stderr).toContain("--var name=linux_tweet_app-2");
      } else {
        expect(solved.code, `solve ${lesson}: ${solved.stdout}${solved.stderr}`).toBe(0);
      }
      const reset = await runCli(["--var", `env=${playground}`, "reset", lesson, "--yes"], { env: data });
      expect(reset.code, reset.stderr).toBe(0);
      if (lesson === "5") expect((await runCli(["env", "down", "--name", playground])).code).toBe(0);
      expect(await foreignState(), `after solve and reset of lesson ${lesson}`).toBe(before);
    }
  }, 600_000);

  it("the fault scenarios leave everything foreign as it was: Ctrl-C in a build and a pull, a corrupt progress file, a broken lesson", async () => {
    await using registry = await startStallRegistry();
    const pack = [
      "--lessons-dir",
      INTERRUPT_PACK,
      "--var",
      `registry=${registry.host}`,
      "--var",
      `net=${F}-int-net`,
      "--var",
      `tag=${F}-int:1`,
    ];

    const solving = startCli([...pack, "solve", "63", "--workdir", join(data.DOCKER_TUTOR_DATA_DIR, "work-63")], { env: data });
    await solving.waitFor(/Pulling from stall\/app/);
    solving.child.kill("SIGINT");
    expect((await solving.done).code).toBe(130);
    const building = startCli([...pack, "solve", "63", "--step", "3", "--workdir", join(data.DOCKER_TUTOR_DATA_DIR, "work-63")], {
      env: data,
    });
    // BuildKit's step line (the buildx plugin is installed, so the tutor builds as the CLI would)
    await building.waitFor(/#\d+ \[2\/2\] RUN echo \S+ > \/tag && sleep 120/);
    building.child.kill("SIGINT");
    expect((await building.done).code).toBe(130);
    const reset = await runCli([...pack, "reset", "63", "--yes"], { env: data });
    expect(reset.stdout).toContain(`network ${F}-int-net`);
    expect(await foreignState(), "after Ctrl-C in solve's pull and build, and reset").toBe(before);

    const seen = registry.blobRequestsSeen();
    const testing = startCli([...pack, "test", "63"], { env: data });
    await testing.waitFor(/ok +63 interrupt-fixture › make-network/);
    while (registry.blobRequestsSeen() === seen) await new Promise((r) => setTimeout(r, 100));
    testing.child.kill("SIGINT");
    expect((await testing.done).code).toBe(130);
    expect(await foreignState(), "after Ctrl-C in test").toBe(before);

    writeFileSync(join(data.DOCKER_TUTOR_DATA_DIR, "progress.json"), '{"version": 1, "lessons": {"hello-wor');
    const afterCorrupt = await runCli(["reset", "--yes"], { env: data });
    expect(afterCorrupt.stderr + afterCorrupt.stdout).toContain("Your progress file could not be read");
    const brokenPack = mkdtempSync(join(tmpdir(), "dtt-audit-broken-"));
    writeFileSync(
      join(brokenPack, "64-broken.yaml"),
      "format: 1\nid: broken\nnumber: 64\nsteps:\n  - id: a\n    checks:\n      - kind: teleport\n",
    );
    const broken = await runCli(["--lessons-dir", brokenPack, "test"], { env: data });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/64-broken\.yaml:\d+:\d+/);
    expect(await foreignState(), "after a corrupt progress file and a broken lesson").toBe(before);
  }, 300_000);
});
