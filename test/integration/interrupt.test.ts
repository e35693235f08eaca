import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shell } from "../helpers/docker-cli.js";
import { engineJson, engineRequest, requireDaemon, uniqueName } from "../helpers/engine-api.js";
import { type RunningCli, startCli } from "../helpers/run-cli.js";
import { startSocketProxy } from "../helpers/socket-proxy.js";
import { type StallRegistry, startStallRegistry } from "../helpers/stall-registry.js";

/**
 * Ctrl-C (SIGINT, as a terminal sends it) in the middle of a pull and of a build, for the commands
 * that run without a terminal: the pull or build stops on the daemon, progress is a whole file, what
 * the lesson made is listed with how to remove it, exit 130; a second Ctrl-C exits at once.
 * The lesson prompt's Ctrl-C is tested in a real terminal in lesson-interrupt-tty.test.ts.
 */
const PACK = fileURLToPath(new URL("../fixtures/interrupt-pack", import.meta.url));
const LESSON_ID = "interrupt-fixture";
let registry: StallRegistry;
const made = { networks: new Set<string>(), tags: new Set<string>() };

beforeAll(async () => {
  await requireDaemon();
  registry = await startStallRegistry();
});

afterAll(async () => {
  for (const net of made.networks) await shell(`docker network rm ${net}`);
  for (const tag of made.tags) await shell(`docker image rm ${tag}`);
  await registry?.close();
});

/** The classic builder, whose RUN steps are containers the API lists. */
const CLASSIC = { DOCKER_BUILDKIT: "0" };

/** This host's processes running the fixture's `sleep 120` (BuildKit's RUN steps are host processes too). */
function sleepProcesses(): string[] {
  return readdirSync("/proc")
    .filter((pid) => /^\d+$/.test(pid))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, "utf8") === "sleep\u0000120\u0000";
      } catch {
        return false;
      }
    });
}

/** A fresh learner: own progress file, own workspace, own names. */
function learner() {
  const id = uniqueName("int");
  const net = `${id}-net`;
  const tag = `${id}-slow:1`;
  made.networks.add(net);
  made.tags.add(tag);
  const dataDir = mkdtempSync(join(tmpdir(), "dtt-int-data-"));
  const workdir = mkdtempSync(join(tmpdir(), "dtt-int-work-"));
  const start = (args: readonly string[], host?: string, env: Record<string, string> = {}): RunningCli =>
    startCli(
      [
        "--lessons-dir",
        PACK,
        "--var",
        `net=${net}`,
        "--var",
        `tag=${tag}`,
        "--var",
        `registry=${registry.host}`,
        ...(host ? ["--host", host] : []),
        ...args,
        ...(args[0] === "solve" ? ["--workdir", workdir] : []),
      ],
      { env: { DOCKER_TUTOR_DATA_DIR: dataDir, ...env } },
    );
  const progress = () => JSON.parse(readFileSync(join(dataDir, "progress.json"), "utf8")) as { lessons: Record<string, unknown> };
  return { net, tag, start, progress };
}

/** The daemon is downloading the stalled layer for this command (not for an earlier one still letting go). */
function downloadStarted(seenBefore: number) {
  return () => registry.blobRequestsSeen() > seenBefore && registry.blobRequestsOpen() > 0;
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const networkExists = async (name: string) => (await engineRequest("GET", `/networks/${name}`)).status === 200;
const imageExists = async (ref: string) => (await engineRequest("GET", `/images/${ref}/json`)).status === 200;
const containerExists = async (id: string) => (await engineRequest("GET", `/containers/${id}/json`)).status === 200;

describe("Ctrl-C during solve", () => {
  it("during a pull: the daemon stops pulling, progress is a whole file, the lesson's network is listed with reset, exit 130", async () => {
    const l = learner();
    const seen = registry.blobRequestsSeen();
    const cli = l.start(["solve", "63"]);
    await cli.waitFor(/Pulling from stall\/app/);
    await until(downloadStarted(seen), 20_000, "the daemon starting the layer download");
    cli.child.kill("SIGINT");
    const result = await cli.done;

    expect(result.code).toBe(130);
    expect(result.stdout).toContain("Stopped by Ctrl-C.");
    expect(result.stdout).toMatch(new RegExp(`What the lesson made is still on the daemon:\\n  - network ${l.net}\\n`));
    expect(result.stdout).toContain("To remove it, and only it: docker-tutor reset 63");
    expect(result.stdout).not.toContain("Step 3/3");
    expect(result.stderr).toBe("");
    // The daemon gave up the download when the tutor's request was cut.
    await until(() => registry.blobRequestsOpen() === 0, 15_000, "the daemon closing the layer download");
    expect(await imageExists(registry.image)).toBe(false);
    expect(await networkExists(l.net)).toBe(true);
    expect(l.progress().lessons[LESSON_ID]).toMatchObject({ snapshot: expect.any(Object) });
  });

  it("during a classic build: the build's RUN container goes, no image is tagged, the network is listed, exit 130", async () => {
    const l = learner();
    const first = await l.start(["solve", "63", "--step", "1"]).done;
    expect(first.code).toBe(0);
    const cli = l.start(["solve", "63", "--step", "3"], undefined, CLASSIC);
    await cli.waitFor(/Running in [0-9a-f]{12}/);
    const buildContainer = /Running in ([0-9a-f]{12})/.exec(cli.output())?.[1] ?? "";
    expect(await containerExists(buildContainer)).toBe(true);
    cli.child.kill("SIGINT");
    const result = await cli.done;

    expect(result.code).toBe(130);
    expect(result.stdout).toMatch(new RegExp(`  - network ${l.net}\\n`));
    expect(result.stdout).toContain("docker-tutor reset 63");
    // What the interpreter would say about its own cut request is not shown.
    expect(result.stdout + result.stderr).not.toMatch(/\baborted\b/);
    await until(async () => !(await containerExists(buildContainer)), 20_000, "the build's container going away");
    expect(await imageExists(l.tag)).toBe(false);
    expect(l.progress().lessons[LESSON_ID]).toMatchObject({ snapshot: expect.any(Object) });
  });

  it("during a BuildKit build: BuildKit stops the RUN step's process, no image is tagged, exit 130", async () => {
    const l = learner();
    const first = await l.start(["solve", "63", "--step", "1"]).done;
    expect(first.code).toBe(0);
    const before = new Set(sleepProcesses());
    const cli = l.start(["solve", "63", "--step", "3"], undefined, { DOCKER_BUILDKIT: "1" });
    await cli.waitFor(/#\d+ \[2\/2\] RUN echo \S+ > \/tag && sleep 120/);
    // BuildKit runs the step with runc, no container the API lists: its process is on this host
    await until(() => sleepProcesses().some((pid) => !before.has(pid)), 20_000, "the RUN step's sleep starting");
    const step = sleepProcesses().filter((pid) => !before.has(pid));
    cli.child.kill("SIGINT");
    const result = await cli.done;

    expect(result.code).toBe(130);
    expect(result.stdout).toMatch(new RegExp(`  - network ${l.net}\\n`));
    expect(result.stdout + result.stderr).not.toMatch(/\baborted\b/);
    await until(() => !step.some((pid) => existsSync(`/proc/${pid}`)), 20_000, "BuildKit stopping the step");
    expect(await imageExists(l.tag)).toBe(false);
  });

  it("a second Ctrl-C exits at once, even while the daemon has stopped answering", async () => {
    const l = learner();
    await using proxy = await startSocketProxy();
    const cli = l.start(["solve", "63", "--step", "3"], `unix://${proxy.path}`, CLASSIC);
    await cli.waitFor(/Running in [0-9a-f]{12}/);
    const buildContainer = /Running in ([0-9a-f]{12})/.exec(cli.output())?.[1] ?? "";
    // From here the daemon hangs, as far as the tutor can tell: listing what is left would wait for it.
    proxy.stall();
    cli.child.kill("SIGINT");
    await new Promise((r) => setTimeout(r, 500));
    cli.child.kill("SIGINT");
    const result = await cli.done;

    expect(result.code).toBe(130);
    expect(result.stdout).toContain("Stopped at once. What the solutions made stays on the daemon; docker-tutor reset 63 removes it");
    // The tidy path never got to say anything: it was still waiting for the daemon.
    expect(result.stdout).not.toMatch(/What the lesson made is still|did not answer in time/);
    await until(async () => !(await containerExists(buildContainer)), 20_000, "the build's container going away");
    expect(l.progress().lessons[LESSON_ID]).toMatchObject({ snapshot: expect.any(Object) });
  });
});

describe("Ctrl-C during test and prepare", () => {
  it("test: the stalled step is cut, cleanup still removes what the run made, exit 130", async () => {
    const l = learner();
    const seen = registry.blobRequestsSeen();
    const cli = l.start(["test", "63", "--json"]);
    await until(downloadStarted(seen), 30_000, "the test run's pull reaching the layer download");
    cli.child.kill("SIGINT");
    const result = await cli.done;

    expect(result.code).toBe(130);
    expect(result.stderr).toContain("Stopping: removing what this run made");
    const report = JSON.parse(result.stdout) as {
      interrupted: boolean;
      runs: { suffix: string; steps: { id: string; ok: boolean; message?: string }[] }[];
    };
    expect(report.interrupted).toBe(true);
    const run = report.runs[0];
    expect(run?.steps.map((s) => s.id)).toEqual(["make-network", "pull-stalled", "cleanup"]);
    expect(run?.steps[1]).toMatchObject({ ok: false, message: expect.stringContaining("stopped by Ctrl-C") });
    expect(run?.steps[2]).toMatchObject({ ok: true });
    const networks = await engineJson<{ Name: string }[]>("/networks");
    expect(networks.filter((n) => n.Name.endsWith(run?.suffix ?? "?"))).toEqual([]);
    await until(() => registry.blobRequestsOpen() === 0, 15_000, "the daemon closing the layer download");
  });

  it("prepare: the pull stops, it says how many images are ready and how to finish, exit 130", async () => {
    const l = learner();
    const seen = registry.blobRequestsSeen();
    const cli = l.start(["prepare", "63"]);
    await until(downloadStarted(seen), 20_000, "prepare's pull reaching the layer download");
    cli.child.kill("SIGINT");
    const result = await cli.done;

    expect(result.code).toBe(130);
    expect(result.stdout).toMatch(/Stopped by Ctrl-C: 1 of 2 images ready\. Run `docker-tutor prepare` again for the rest/);
    await until(() => registry.blobRequestsOpen() === 0, 15_000, "the daemon closing the layer download");
    expect(await imageExists(registry.image)).toBe(false);
  });
});
