import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProgressStore } from "../../src/progress/store.js";
import { shell } from "../helpers/docker-cli.js";
import { engineRequest, requireDaemon, uniqueName } from "../helpers/engine-api.js";
import { CLI } from "../helpers/run-cli.js";
import { type StallRegistry, startStallRegistry } from "../helpers/stall-registry.js";
import { openTerminal, type Terminal } from "../helpers/tmux.js";

/**
 * Ctrl-C at the lesson's prompt, in a real terminal: during a command the learner typed it stops
 * that command, as a shell would, and the lesson goes on; during the tutor's own work ("r": a
 * build) and at the prompt it leaves the lesson tidily; two at once leave at once.
 */
const PACK = fileURLToPath(new URL("../fixtures/interrupt-pack", import.meta.url));
let registry: StallRegistry;
const terminals: Terminal[] = [];
const dirs: string[] = [];
const made = { networks: [] as string[], tags: [] as string[] };

beforeAll(async () => {
  await requireDaemon();
  registry = await startStallRegistry();
});

afterAll(async () => {
  for (const t of terminals) t.kill();
  for (const net of made.networks) await shell(`docker network rm ${net}`);
  for (const tag of made.tags) await shell(`docker image rm ${tag}`);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  await registry?.close();
});

function lessonInTerminal() {
  const id = uniqueName("inttty");
  const vars = { net: `${id}-net`, tag: `${id}-slow:1`, registry: registry.host };
  made.networks.push(vars.net);
  made.tags.push(vars.tag);
  const dataDir = mkdtempSync(join(tmpdir(), "dtt-inttty-data-"));
  const workdir = mkdtempSync(join(tmpdir(), "dtt-inttty-work-"));
  dirs.push(dataDir, workdir);
  const varArgs = Object.entries(vars).map(([k, v]) => `--var ${k}=${v}`);
  // the classic builder, whose RUN step is a container to watch go (interrupt.test.ts covers BuildKit's)
  const env = `NO_COLOR=1 DOCKER_BUILDKIT=0 DOCKER_TUTOR_DATA_DIR=${dataDir} DOCKER_CONFIG=${dataDir}`;
  const terminal = openTerminal(
    id,
    `env ${env} ${process.execPath} ${CLI} --lessons-dir ${PACK} ${varArgs.join(" ")} lesson 63 --workdir ${workdir}; echo "EXIT=$?"; sleep 60`,
    { columns: 160, rows: 60 },
  );
  terminals.push(terminal);
  const progress = () => new ProgressStore(join(dataDir, "progress.json"), () => undefined).lesson("interrupt-fixture");
  return { vars, terminal, progress };
}

/** The screen with the tutor's own line breaks taken out: a sentence wrapped to the terminal reads as one. */
const flat = (screen: string) => screen.replace(/\s*\n\s*/g, " ");

const containerExists = async (id: string) => (await engineRequest("GET", `/containers/${id}/json`)).status === 200;

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("Ctrl-C in the interactive lesson", () => {
  it("stops a typed pull and stays; during r's build it cuts the build, saves, lists what the lesson made, exits 130", async () => {
    const { vars, terminal, progress } = lessonInTerminal();
    await terminal.waitForScreen(/step 1 of 3/);
    terminal.send(`docker network create ${vars.net}`, "Enter");
    await terminal.waitForScreen(/✔ Done: Make a network/);
    await terminal.waitForScreen(/Enter: next step/);
    terminal.send("Enter");
    await terminal.waitForScreen(/step 2 of 3/);

    // A typed command through the docker CLI: the terminal's Ctrl-C stops it, not the lesson.
    const seen = registry.blobRequestsSeen();
    terminal.send(`docker pull ${registry.image}`, "Enter");
    await until(() => registry.blobRequestsSeen() > seen && registry.blobRequestsOpen() > 0, 20_000, "the typed pull downloading");
    terminal.send("C-c");
    // (the sentence is wrapped to the terminal: read it with the tutor's line breaks taken out)
    await until(
      () =>
        /Stopped .?docker pull .*Your place in the lesson is kept; Ctrl-C at the prompt \(or q\) leaves it\./.test(flat(terminal.screen())),
      20_000,
      "the lesson saying the pull was stopped",
    );
    await until(() => registry.blobRequestsOpen() === 0, 15_000, "the daemon giving up the download");
    expect(terminal.screen()).not.toMatch(/EXIT=/);
    expect(terminal.screen()).not.toMatch(/✖ Not yet/);

    terminal.send("k", "Enter");
    await terminal.waitForScreen(/step 3 of 3/);
    terminal.send("r", "Enter");
    const building = await terminal.waitForScreen(/Running in [0-9a-f]{12}/, 30_000);
    const buildContainer = /Running in ([0-9a-f]{12})/.exec(building)?.[1] ?? "";
    terminal.send("C-c");
    const after = await terminal.waitForScreen(/EXIT=\d+/);
    expect(after).toMatch(/EXIT=130/);
    expect(after).toContain("Progress saved. Pick up where you left off with: docker-tutor lesson 63");
    expect(after).toMatch(
      new RegExp(
        `What the lesson made is still on the daemon:\\n  - network ${vars.net}\\nTo remove it, and only it: docker-tutor reset 63`,
      ),
    );
    expect(after).not.toMatch(/Not yet|aborted/);
    await until(async () => !(await containerExists(buildContainer)), 20_000, "the build's container going away");
    expect((await engineRequest("GET", `/images/${vars.tag}/json`)).status).toBe(404);
    expect(progress()?.steps["make-network"]?.status).toBe("passed");
    expect(progress()?.steps["pull-stalled"]?.status).toBe("skipped");
    expect(progress()?.steps["build-slow"]).toBeUndefined();
  }, 120_000);

  it("two Ctrl-Cs at once leave at once, saying what stays and how to remove it", async () => {
    const { terminal, progress } = lessonInTerminal();
    await terminal.waitForScreen(/step 1 of 3/);
    terminal.send("k", "Enter");
    await terminal.waitForScreen(/step 2 of 3/);
    terminal.send("k", "Enter");
    await terminal.waitForScreen(/step 3 of 3/);
    terminal.send("r", "Enter");
    const building = await terminal.waitForScreen(/Running in [0-9a-f]{12}/, 30_000);
    const buildContainer = /Running in ([0-9a-f]{12})/.exec(building)?.[1] ?? "";
    terminal.send("C-c", "C-c");
    const after = await terminal.waitForScreen(/EXIT=\d+/);
    expect(after).toMatch(/EXIT=130/);
    expect(flat(after)).toContain("Stopped at once. Your progress is saved (it is written after every step)");
    expect(flat(after)).toContain("docker-tutor reset 63 removes it, and only it");
    expect(after).not.toContain("What the lesson made is still on the daemon");
    // Exiting at once closed the build's connection: the daemon stops the build all the same.
    await until(async () => !(await containerExists(buildContainer)), 20_000, "the build's container going away");
    expect(progress()?.steps["pull-stalled"]?.status).toBe("skipped");
  }, 120_000);
});
