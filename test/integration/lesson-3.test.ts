import { rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckResult } from "../../src/checks/check.js";
import type { LessonOutput } from "../../src/engine/events.js";
import { mustShell, shell } from "../helpers/docker-cli.js";
import { requireDaemon, uniqueName } from "../helpers/engine-api.js";
import { lessonWorkspace, startHeadlessLesson, walkLesson } from "../helpers/lesson-harness.js";

/**
 * Lesson 3 (bind mounts) against the real daemon: the whole lesson walked with the docker CLI in
 * its workspace, and known-wrong attempts that must fail naming what differs. Every name is
 * unique and every port is free, picked at run time; tests remove only what they made.
 */

/** Host ports nothing listens on now: held open together (so they differ), then released. */
async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, resolve);
      });
    }
    return servers.map((s) => {
      const address = s.address();
      if (address === null || typeof address === "string") throw new Error("no port");
      return address.port;
    });
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}

/** Every variable of the lesson: unique names (the docker id too) and free ports. */
async function lessonVars(): Promise<Record<string, string>> {
  const [port, oldport] = await freePorts(2);
  return {
    dockerid: uniqueName("id"),
    name: uniqueName("tweet"),
    oldname: uniqueName("oldtweet"),
    port: String(port),
    oldport: String(oldport),
    volume: uniqueName("tweetdata"),
    writer: uniqueName("writer"),
    reader: uniqueName("reader"),
  };
}

const failedOf = (o: LessonOutput): CheckResult[] => (o.type === "not-yet" ? o.results.filter((r) => !r.pass) : []);

type Harness = Awaited<ReturnType<typeof startHeadlessLesson>>;

/** Presses `c` and returns the failing checks of the verdict that answers it. */
async function checkNow(h: Harness): Promise<CheckResult[]> {
  const from = h.outputs.length;
  h.session.engine.dispatch({ type: "key", key: "check" });
  const verdict = await h.waitFor((o) => o.type === "not-yet" || o.type === "passed", 20_000, from);
  if (verdict.output.type === "passed") throw new Error("the step passed, but the attempt was wrong");
  return failedOf(verdict.output);
}

const madeImages: string[] = [];
const madeContainers: string[] = [];
const madeWorkspaces: string[] = [];

/** The lesson's workspace for one attempt, removed after the tests. */
function workspaceFor(h: Harness): string {
  const dir = lessonWorkspace(h.entry);
  madeWorkspaces.push(dir);
  return dir;
}

beforeAll(async () => {
  await requireDaemon();
});

afterAll(async () => {
  for (const name of madeContainers) await shell(`docker container rm --force ${name}`);
  for (const tag of madeImages) await shell(`docker image rm ${tag}`);
  for (const dir of madeWorkspaces) rmSync(dir, { recursive: true, force: true });
});

describe("lesson 3 (bind-mounts)", () => {
  it("walks every step with the docker CLI in the workspace and leaves nothing behind", async () => {
    const vars = await lessonVars();
    const { steps, leftBehind, harness } = await walkLesson(3, vars, { timeoutMs: 60_000 });
    expect(steps.map((s) => s.id)).toEqual(harness.entry.lesson.steps.map((s) => s.id));
    for (const step of harness.entry.lesson.steps.filter((s) => s.kind === "task")) {
      const walked = steps.find((s) => s.id === step.id);
      expect(walked?.failedBefore.length, `${step.id} fails before its solution`).toBeGreaterThan(0);
    }
    expect(leftBehind).toEqual([]);
  }, 300_000);

  it("publishing the wrong container port fails, naming the port published and the one expected", async () => {
    const vars = await lessonVars();
    const image = `${vars.dockerid}/linux_tweet_app:1.0`;
    const h = await startHeadlessLesson(3, vars, { stepId: "run-published" });
    madeImages.push(image);
    madeContainers.push(vars.name as string);
    try {
      await mustShell(`docker image build --quiet --tag ${image} .`, undefined, workspaceFor(h));
      await mustShell(`docker container run --detach --publish ${vars.port}:8080 --name ${vars.name} ${image}`);
      const failed = await checkNow(h);
      const container = failed.find((r) => r.kind === "container");
      expect(container?.expected).toContain(`publishes 80/tcp on host port ${vars.port}`);
      expect(container?.actual).toContain(`does not publish 80/tcp (it publishes 8080/tcp on host port ${vars.port})`);
      expect(failed.some((r) => r.kind === "http")).toBe(true);
    } finally {
      await h.session.close();
      await h.removeContainersMade();
    }
  }, 120_000);

  it("a bind mount at the wrong target fails, naming the folder that has nothing mounted", async () => {
    const vars = await lessonVars();
    const image = `${vars.dockerid}/linux_tweet_app:1.0`;
    const h = await startHeadlessLesson(3, vars, { stepId: "run-bind-mount" });
    madeImages.push(image);
    madeContainers.push(vars.name as string);
    try {
      const workspace = workspaceFor(h);
      await mustShell(`docker image build --quiet --tag ${image} .`, undefined, workspace);
      await mustShell(
        `docker container run --detach --publish ${vars.port}:80 --name ${vars.name} --mount type=bind,source="$(pwd)",target=/var/www/html ${image}`,
        undefined,
        workspace,
      );
      const failed = await checkNow(h);
      const container = failed.find((r) => r.kind === "container");
      expect(container?.expected).toContain("mounts a bind at `/usr/share/nginx/html`");
      expect(container?.actual).toContain("has nothing mounted at `/usr/share/nginx/html`");
      // The folder nginx serves still holds the image's files, not the app folder's.
      const exec = failed.find((r) => r.kind === "exec");
      expect(exec?.expected).toContain("index-new.html");
      expect(exec?.actual).toMatch(/printed `[^`]*index\.html[^`]*`, not `index-new\.html`/);
    } finally {
      await h.session.close();
      await h.removeContainersMade();
    }
  }, 120_000);

  it("an image built without the COPY lines fails, naming that it is nginx's layers unchanged", async () => {
    const vars = await lessonVars();
    const image = `${vars.dockerid}/linux_tweet_app:1.0`;
    const h = await startHeadlessLesson(3, vars, { stepId: "build-v1" });
    madeImages.push(image);
    try {
      const noCopy = 'FROM nginx:latest\nEXPOSE 80 443\nCMD ["nginx", "-g", "daemon off;"]\n';
      await mustShell(`docker image build --quiet --tag ${image} --file - .`, noCopy, workspaceFor(h));
      const failed = await checkNow(h);
      const imageCheck = failed.find((r) => r.kind === "image");
      expect(imageCheck?.expected).toContain("differs from `nginx:latest` in at least one layer");
      expect(imageCheck?.actual).toContain("has exactly the same layers as `nginx:latest`");
    } finally {
      await h.session.close();
    }
  }, 120_000);

  it("version 2.0 built before the page was changed fails, naming that it equals 1.0", async () => {
    const vars = await lessonVars();
    const v1 = `${vars.dockerid}/linux_tweet_app:1.0`;
    const v2 = `${vars.dockerid}/linux_tweet_app:2.0`;
    const h = await startHeadlessLesson(3, vars, { stepId: "build-v2" });
    madeImages.push(v1, v2);
    try {
      const workspace = workspaceFor(h);
      await mustShell(`docker image build --quiet --tag ${v1} .`, undefined, workspace);
      await mustShell(`docker image build --quiet --tag ${v2} .`, undefined, workspace);
      const failed = await checkNow(h);
      const imageCheck = failed.find((r) => r.kind === "image");
      expect(imageCheck?.expected).toContain(`differs from \`${v1}\` in at least one layer`);
      expect(imageCheck?.actual).toContain(`has exactly the same layers as \`${v1}\``);
    } finally {
      await h.session.close();
    }
  }, 120_000);
});
