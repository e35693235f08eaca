import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckResult } from "../../src/checks/check.js";
import { mustShell, shell } from "../helpers/docker-cli.js";
import { engineJson, engineRequest, pullImage, requireDaemon, uniqueName } from "../helpers/engine-api.js";
import { walkLesson } from "../helpers/lesson-harness.js";
import { failingChecksAfter, lessonVars } from "../helpers/lesson-walk.js";

/**
 * Lesson 2 (images) against the real daemon: the whole lesson walked with the docker CLI (every
 * task step fails before its solution and passes after, nothing of the lesson's is left), and
 * known-wrong attempts that must fail with a message naming what differs.
 */

interface LessonVars extends Record<string, string> {
  box: string;
  greeter: string;
  app: string;
  registry: string;
  registryPort: string;
}

/** The lesson's variables, named as lessons/02-images.yaml declares them. */
const varsOf2 = () => lessonVars(2) as Promise<LessonVars>;

/** What this file made outside a lesson's own cleanup: removed in afterAll, and only these. */
const madeContainers = new Set<string>();
const madeImages = new Set<string>();
const madeVolumes = new Set<string>();

beforeAll(async () => {
  await requireDaemon();
  // The base images must exist before a lesson's snapshot, so they never count as the lesson's.
  await pullImage("alpine");
  await pullImage("registry:2");
});

afterAll(async () => {
  for (const name of madeContainers) await shell(`docker container rm -f ${name}`);
  for (const ref of madeImages) await shell(`docker image rm ${ref}`);
  for (const volume of madeVolumes) await engineRequest("DELETE", `/volumes/${volume}`);
});

const lessonTempDirs = () =>
  readdirSync(tmpdir())
    .filter((name) => name.startsWith("dtt-images-"))
    .map((name) => join(tmpdir(), name));

const texts = (results: readonly CheckResult[]) => ({
  expected: results.map((r) => r.expected).join(" | "),
  actual: results.map((r) => r.actual).join(" | "),
});

describe("lesson 2 (images)", () => {
  it("walks every step: each fails before and passes after its solution, and nothing is left behind", async () => {
    const vars = await varsOf2();
    // registry:2 declares a VOLUME, so its container gets an anonymous volume: note its name while
    // the walk runs; the lesson's cleanup removes containers with their anonymous volumes.
    let walking = true;
    const watcher = (async () => {
      while (walking) {
        const found = await engineRequest("GET", `/containers/${vars.registry}/json`);
        if (found.status === 200) {
          const mounts = (JSON.parse(found.text) as { Mounts?: { Type: string; Name?: string }[] }).Mounts ?? [];
          for (const m of mounts) if (m.Type === "volume" && m.Name) madeVolumes.add(m.Name);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const workspacesBefore = new Set(lessonTempDirs());
    try {
      const { steps, leftBehind, harness } = await walkLesson(2, vars);
      expect(
        lessonTempDirs().filter((dir) => !workspacesBefore.has(dir)),
        "the walk removes its workspace",
      ).toEqual([]);
      expect(steps.map((s) => s.id)).toEqual(harness.entry.lesson.steps.map((s) => s.id));
      for (const step of steps.filter((s) => harness.entry.lesson.steps.find((l) => l.id === s.id)?.kind === "task")) {
        expect(step.failedBefore.length, `${step.id} failed before its solution`).toBeGreaterThan(0);
      }
      expect(leftBehind).toEqual([]);
    } finally {
      walking = false;
      await watcher;
    }
    expect(madeVolumes.size, "the registry's volume was seen").toBeGreaterThan(0);
    for (const volume of madeVolumes) {
      expect((await engineRequest("GET", `/volumes/${volume}`)).status, `anonymous volume ${volume} went with its container`).toBe(404);
    }
  }, 240_000);

  it("committing a container that changed nothing fails: the image has exactly alpine's layers", async () => {
    const vars = await varsOf2();
    madeContainers.add(vars.box);
    madeImages.add(vars.greeter);
    const failed = await failingChecksAfter(2, "commit-and-tag", vars, async () => {
      await mustShell(`docker container run --name ${vars.box} alpine true`);
      await mustShell(`docker container commit ${vars.box} ${vars.greeter}`);
    });
    const { expected, actual } = texts(failed);
    expect(expected).toContain(`image \`${vars.greeter}\` exists and is built on \`alpine\` and differs from \`alpine\``);
    expect(actual).toBe(`image \`${vars.greeter}\` has exactly the same layers as \`alpine\``);
  });

  it("a Dockerfile without CMD fails, naming the CMD the image inherited and the one expected", async () => {
    const vars = await varsOf2();
    const v01 = `${vars.app}:v0.1`;
    madeImages.add(v01);
    const failed = await failingChecksAfter(2, "build-v01", vars, async (workspace) => {
      const dockerfile = join(workspace, "Dockerfile");
      writeFileSync(dockerfile, readFileSync(dockerfile, "utf8").replace(/^CMD .*$/m, ""));
      await mustShell(`docker image build -t ${v01} .`, undefined, workspace);
    });
    const { expected, actual } = texts(failed);
    expect(expected).toContain('has CMD `["sh", "hello.sh"]`');
    expect(actual).toBe(`image \`${v01}\` has CMD \`["/bin/sh"]\`, not \`["sh", "hello.sh"]\``);
  });

  it("v0.2 built without the cache, or without changing the app, fails naming the layers", async () => {
    const vars = await varsOf2();
    const v01 = `${vars.app}:v0.1`;
    const v02 = `${vars.app}:v0.2`;
    const run = uniqueName("run-v02");
    madeImages.add(v02);
    madeImages.add(v01);
    madeContainers.add(run);

    // The app unchanged: every step comes from the cache, so v0.2 is v0.1 under another tag.
    const unchanged = await failingChecksAfter(2, "build-v02", vars, async (workspace) => {
      await mustShell(`docker image build -t ${v01} .`, undefined, workspace);
      await mustShell(`docker image build -t ${v02} .`, undefined, workspace);
      await mustShell(`docker container run --name ${run} ${v02}`);
    });
    expect(texts(unchanged).expected).toContain(`differs from \`${v01}\` in at least one layer`);
    expect(texts(unchanged).actual).toContain(`image \`${v02}\` has exactly the same layers as \`${v01}\``);
    expect(texts(unchanged).actual).toContain("did not print `This is hello v0.2`");

    // The app changed but built with --no-cache: the RUN layer is made again, so only alpine's are shared.
    await mustShell(`docker container rm ${run}`);
    const uncached = await failingChecksAfter(2, "build-v02", vars, async (workspace) => {
      const app = join(workspace, "hello.sh");
      writeFileSync(app, readFileSync(app, "utf8").replace('VERSION="v0.1"', 'VERSION="v0.2"'));
      // BuildKit keeps a --no-cache build's steps as the newest cache of their instructions: a RUN
      // of its own (a unique ENV above it) keeps this attempt out of other tests' lesson-2 builds.
      const dockerfile = join(workspace, "Dockerfile");
      writeFileSync(dockerfile, readFileSync(dockerfile, "utf8").replace(/^FROM alpine$/m, `FROM alpine\nENV DTT_ATTEMPT=${vars.app}`));
      await mustShell(`docker image build --no-cache -t ${v02} .`, undefined, workspace);
      await mustShell(`docker container run --name ${run} ${v02}`);
    });
    const alpineLayers = (await engineJson<{ RootFS: { Layers: string[] } }>("/images/alpine/json")).RootFS.Layers.length;
    expect(uncached).toHaveLength(1);
    expect(texts(uncached).expected).toContain(`shares at least 2 layers with \`${v01}\``);
    expect(texts(uncached).actual).toBe(
      `image \`${v02}\` shares only ${alpineLayers} layer${alpineLayers === 1 ? "" : "s"} with \`${v01}\`, not at least 2`,
    );
  }, 120_000);
});
