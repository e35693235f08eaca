import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { LessonOutput } from "../../src/engine/events.js";
import { mustShell, shell } from "../helpers/docker-cli.js";
import { requireDaemon, uniqueName } from "../helpers/engine-api.js";
import { startHeadlessLesson } from "../helpers/lesson-harness.js";
import { runCli } from "../helpers/run-cli.js";

/**
 * The daemon stops in the middle of a lesson (the sandbox's dockerd is stopped, then started again
 * by scripts/docker-sandbox.sh): the lesson says so, keeps the learner's place, reconnects its
 * event stream on its own, and a step done afterwards turns green through a daemon event.
 */
const sandbox = fileURLToPath(new URL("../../scripts/docker-sandbox.sh", import.meta.url));
const warning = (text: RegExp) => (o: LessonOutput) => o.type === "warning" && text.test(o.message);

async function stopDockerd(): Promise<void> {
  const pid = Number(readFileSync("/var/run/docker.pid", "utf8").trim());
  expect(Number.isInteger(pid), "this test stops the sandbox's dockerd, found through /var/run/docker.pid").toBe(true);
  process.kill(pid, "SIGTERM");
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`dockerd (pid ${pid}) did not stop within 60 s`);
}

describe("the daemon stops in the middle of a lesson", () => {
  it("says it lost the daemon, keeps the place, reconnects by itself and goes on checking; a command started meanwhile exits 3", async () => {
    // started again as the same engine the suite runs on (the sandbox's default is Engine 28)
    const engine = (await requireDaemon()).Version.startsWith("20.10.") ? 20 : 28;
    const restart = `bash ${sandbox} --engine ${engine}`;
    const h = await startHeadlessLesson(1, { shell: uniqueName("shell") }, { stepId: "run-hello-world" });
    try {
      await h.waitFor((o) => o.type === "step" && o.index === 0);
      await stopDockerd();
      const lost = await h.waitFor(
        warning(
          /^Lost the Docker daemon: (it closed the connection, as it does when it stops or restarts|it no longer answers)\. Your place is kept, and the tutor checks again by itself once the daemon is back \(if it stopped, start it: sudo systemctl start docker, or open Docker Desktop\)\.$/,
        ),
        30_000,
      );
      expect(lost.output.type).toBe("warning");
      // Scenario 1 on the real default socket: a command started now cannot reach the daemon.
      const unreachable = await runCli(["check", "1"], { env: { DOCKER_TUTOR_DATA_DIR: mkdtempSync(join(tmpdir(), "dtt-down-")) } });
      expect(unreachable.code).toBe(3);
      expect(unreachable.stderr).toMatch(/^✖ The Docker daemon is not running: nothing answers at \S*docker\.sock\.\n/);
      expect(unreachable.stderr).toContain("→ Start it with sudo systemctl start docker (or open Docker Desktop), then try again.");
      expect(unreachable.stderr).toContain("what was tried, in the docker CLI's order:");
      expect(unreachable.stderr).not.toMatch(/\bat .*\.js:\d+/);
      await mustShell(`${restart} >/dev/null`);
      const from = h.outputs.length;
      await h.waitFor(warning(/^The Docker daemon is back; checking again\.$/), 60_000);
      // The place is kept: no other step was shown, and this one still waits for its command.
      expect(h.outputs.filter((o) => o.output.type === "step").map((o) => (o.output.type === "step" ? o.output.index : -1))).toEqual([0]);
      expect((await shell("docker container run hello-world")).code).toBe(0);
      const passed = await h.waitFor((o) => o.type === "passed" && o.step.id === "run-hello-world", 30_000, from);
      expect(passed.output.type === "passed" && passed.output.trigger.kind).toBe("daemon-event");
    } finally {
      await h.session.close();
      await shell(`${restart} >/dev/null 2>&1`);
      await h.removeContainersMade();
    }
  }, 240_000);
});
