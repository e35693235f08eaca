import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mustShell, shell } from "../helpers/docker-cli.js";
import { requireDaemon } from "../helpers/engine-api.js";
import { walkLesson } from "../helpers/lesson-harness.js";
import { failingChecksAfter, lessonVars } from "../helpers/lesson-walk.js";

/**
 * Lesson 3 (bind mounts) against the real daemon: the whole lesson walked with the docker CLI in
 * its workspace, and known-wrong attempts that must fail naming what differs. Every name is
 * unique and every port is free, picked at run time; tests remove only what they made.
 */

const madeImages: string[] = [];
const madeContainers: string[] = [];

beforeAll(async () => {
  await requireDaemon();
});

afterAll(async () => {
  for (const name of madeContainers) await shell(`docker container rm --force ${name}`);
  for (const tag of madeImages) await shell(`docker image rm ${tag}`);
});

describe("lesson 3 (bind-mounts)", () => {
  it("walks every step with the docker CLI in the workspace and leaves nothing behind", async () => {
    const vars = await lessonVars(3);
    const { steps, leftBehind, harness } = await walkLesson(3, vars, { timeoutMs: 60_000 });
    expect(steps.map((s) => s.id)).toEqual(harness.entry.lesson.steps.map((s) => s.id));
    for (const step of harness.entry.lesson.steps.filter((s) => s.kind === "task")) {
      const walked = steps.find((s) => s.id === step.id);
      expect(walked?.failedBefore.length, `${step.id} fails before its solution`).toBeGreaterThan(0);
    }
    expect(leftBehind).toEqual([]);
  }, 300_000);

  it("publishing the wrong container port fails, naming the port published and the one expected", async () => {
    const vars = await lessonVars(3);
    const image = `${vars.dockerid}/linux_tweet_app:1.0`;
    madeImages.push(image);
    madeContainers.push(vars.name as string);
    const failed = await failingChecksAfter(3, "run-published", vars, async (workspace) => {
      await mustShell(`docker image build --quiet --tag ${image} .`, undefined, workspace);
      await mustShell(`docker container run --detach --publish ${vars.port}:8080 --name ${vars.name} ${image}`);
    });
    const container = failed.find((r) => r.kind === "container");
    expect(container?.expected).toContain(`publishes 80/tcp on host port ${vars.port}`);
    expect(container?.actual).toContain(`does not publish 80/tcp (it publishes 8080/tcp on host port ${vars.port})`);
    expect(failed.some((r) => r.kind === "http")).toBe(true);
  }, 120_000);

  it("a bind mount at the wrong target fails, naming the folder that has nothing mounted", async () => {
    const vars = await lessonVars(3);
    const image = `${vars.dockerid}/linux_tweet_app:1.0`;
    madeImages.push(image);
    madeContainers.push(vars.name as string);
    const failed = await failingChecksAfter(3, "run-bind-mount", vars, async (workspace) => {
      await mustShell(`docker image build --quiet --tag ${image} .`, undefined, workspace);
      await mustShell(
        `docker container run --detach --publish ${vars.port}:80 --name ${vars.name} --mount type=bind,source="$(pwd)",target=/var/www/html ${image}`,
        undefined,
        workspace,
      );
    });
    const container = failed.find((r) => r.kind === "container");
    expect(container?.expected).toContain("mounts a bind at `/usr/share/nginx/html`");
    expect(container?.actual).toContain("has nothing mounted at `/usr/share/nginx/html`");
    // The folder nginx serves still holds the image's files, not the app folder's.
    const exec = failed.find((r) => r.kind === "exec");
    expect(exec?.expected).toContain("index-new.html");
    expect(exec?.actual).toMatch(/printed `[^`]*index\.html[^`]*`, not `index-new\.html`/);
  }, 120_000);

  it("an image built without the COPY lines fails, naming that it is nginx's layers unchanged", async () => {
    const vars = await lessonVars(3);
    const image = `${vars.dockerid}/linux_tweet_app:1.0`;
    madeImages.push(image);
    const noCopy = 'FROM nginx:latest\nEXPOSE 80 443\nCMD ["nginx", "-g", "daemon off;"]\n';
    const failed = await failingChecksAfter(3, "build-v1", vars, async (workspace) => {
      await mustShell(`docker image build --quiet --tag ${image} --file - .`, noCopy, workspace);
    });
    const imageCheck = failed.find((r) => r.kind === "image");
    expect(imageCheck?.expected).toContain("differs from `nginx:latest` in at least one layer");
    expect(imageCheck?.actual).toContain("has exactly the same layers as `nginx:latest`");
  }, 120_000);

  it("version 2.0 built before the page was changed fails, naming that it equals 1.0", async () => {
    const vars = await lessonVars(3);
    const v1 = `${vars.dockerid}/linux_tweet_app:1.0`;
    const v2 = `${vars.dockerid}/linux_tweet_app:2.0`;
    madeImages.push(v1, v2);
    const failed = await failingChecksAfter(3, "build-v2", vars, async (workspace) => {
      await mustShell(`docker image build --quiet --tag ${v1} .`, undefined, workspace);
      await mustShell(`docker image build --quiet --tag ${v2} .`, undefined, workspace);
    });
    const imageCheck = failed.find((r) => r.kind === "image");
    expect(imageCheck?.expected).toContain(`differs from \`${v1}\` in at least one layer`);
    expect(imageCheck?.actual).toContain(`has exactly the same layers as \`${v1}\``);
  }, 120_000);
});
