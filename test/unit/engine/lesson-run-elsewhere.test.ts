import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import type { DockerClient } from "../../../src/docker/client.js";
import type { DaemonPlace } from "../../../src/docker/daemon-place.js";
import { TutorExecs } from "../../../src/docker/tutor-execs.js";
import { LessonRun } from "../../../src/engine/lesson-run.js";
import { prepareWorkspace } from "../../../src/engine/workspace.js";
import { loadLessonFile } from "../../../src/lessons/catalog.js";

const LESSON_3 = fileURLToPath(new URL("../../../lessons/03-bind-mounts.yaml", import.meta.url));

/** A daemon somewhere: records what the run asks of it, in order. */
function daemonAt(place: DaemonPlace, calls: string[]): DockerClient {
  return {
    place: async () => place,
    tutorExecs: new TutorExecs(),
    inspectImage: async (ref: string) => (ref === "alpine:latest" ? { id: "sha256:a" } : undefined),
    copyFolderToDaemonHost: async (dir: string, image: string) => void calls.push(`copy ${dir} with ${image}`),
    runCommand: async (line: string) => {
      calls.push(`run ${line.split(" ").slice(0, 3).join(" ")}`);
      return 0;
    },
  } as unknown as DockerClient;
}

describe("a lesson run against a daemon elsewhere", () => {
  let workspace = "";
  afterEach(() => rmSync(workspace, { recursive: true, force: true }));

  const open = async (place: DaemonPlace, calls: string[]) => {
    const { entry } = loadLessonFile(LESSON_3, "built-in", {});
    if (!entry) throw new Error("lesson 3 does not load");
    workspace = mkdtempSync(join(tmpdir(), "elsewhere-"));
    prepareWorkspace(entry, workspace);
    const run = await LessonRun.open({ client: daemonAt(place, calls), entry, snapshot: "recorded", workspace });
    const step = (id: string) => entry.lesson.steps.find((s) => s.id === id) ?? Promise.reject(new Error(id));
    return { run, step };
  };
  const io = (said: string[]) => ({
    stdout: process.stdout,
    stderr: process.stderr,
    env: {},
    announce: (what: string) => void said.push(what),
  });

  it("a playground node gets the lesson folder before the solution's bind mount, and again after its copy", async () => {
    const calls: string[] = [];
    const { run, step } = await open({ kind: "node", playground: "play", node: "node1" }, calls);
    await run.runSolution(await step("run-bind-mount"), io([]));
    expect(calls).toEqual([`copy ${workspace} with alpine:latest`, "run docker container rm", "run docker container run"]);
    calls.length = 0;
    await run.runSolution(await step("edit-live"), io([]));
    expect(calls).toEqual([`copy ${workspace} with alpine:latest`]);
    // A step that mounts nothing of the learner's copies nothing.
    calls.length = 0;
    await run.runSolution(await step("create-volume"), io([]));
    expect(calls).toEqual(["run docker volume create"]);
  });

  it("another machine: the bind-mount step says why it cannot work before its commands, and copies nothing", async () => {
    const calls: string[] = [];
    const said: string[] = [];
    const { run, step } = await open({ kind: "remote", host: "ssh://ada@server" }, calls);
    await run.runSolution(await step("run-bind-mount"), io(said));
    expect(said[0]).toMatch(
      /^# This step bind-mounts your lesson folder .*, but the daemon runs on another machine \(ssh:\/\/ada@server\)/,
    );
    expect(calls.some((c) => c.startsWith("copy"))).toBe(false);
    expect(await run.bindMountNotice(await step("create-volume"))).toBeUndefined();
  });
});
