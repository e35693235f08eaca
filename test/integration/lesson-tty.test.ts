import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProgressStore } from "../../src/progress/store.js";
import { mustShell, shell } from "../helpers/docker-cli.js";
import { engineJson, requireDaemon, uniqueName } from "../helpers/engine-api.js";
import { CLI } from "../helpers/run-cli.js";

/** The real interactive lesson in a real terminal (tmux): typed at its prompt and in a second shell. */
const tmuxSession = uniqueName("tty");
const dataDir = mkdtempSync(join(tmpdir(), "dtt-tty-data-"));
const shellName = uniqueName("shell");

const tmux = (...args: string[]) => execFileSync("tmux", args, { encoding: "utf8" });
const screen = () => tmux("capture-pane", "-p", "-J", "-t", tmuxSession, "-S", "-300");
const alive = () => {
  try {
    tmux("has-session", "-t", tmuxSession);
    return true;
  } catch {
    return false;
  }
};

async function waitForScreen(pattern: RegExp, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = "";
  while (Date.now() < deadline) {
    text = alive() ? screen() : text;
    if (pattern.test(text)) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the screen never showed ${pattern}; it shows:\n${text}`);
}

beforeAll(async () => {
  await requireDaemon();
  const env = `NO_COLOR=1 DOCKER_TUTOR_DATA_DIR=${dataDir} DOCKER_CONFIG=${dataDir}`;
  tmux(
    "new-session",
    "-d",
    "-s",
    tmuxSession,
    "-x",
    "120",
    "-y",
    "50",
    `env ${env} ${process.execPath} ${CLI} --var shell=${shellName} lesson 1; sleep 30`,
  );
});

afterAll(async () => {
  if (alive()) tmux("kill-session", "-t", tmuxSession);
  const snapshot = new ProgressStore(join(dataDir, "progress.json"), () => undefined).lesson("hello-world")?.snapshot;
  if (!snapshot) return;
  const containers = await engineJson<{ Id: string; Image: string }[]>("/containers/json?all=true");
  for (const c of containers.filter((c) => !snapshot.containers.includes(c.Id) && /^(alpine|hello-world)/.test(c.Image))) {
    await shell(`docker container rm -f ${c.Id}`);
  }
});

describe("the interactive lesson in a terminal", () => {
  it("turns steps green for commands typed at its prompt and in another shell, shows hints, and quits keeping progress", async () => {
    await waitForScreen(/step 1 of 11/);
    expect(screen()).toMatch(/h hint · s solution · r run it for me · c check · k skip · q quit/);

    tmux("send-keys", "-t", tmuxSession, "docker container run hello-world", "Enter");
    await waitForScreen(/✔ Done: Run your first container/);
    expect(screen()).toContain("Hello from Docker!");

    const atStep2 = await waitForScreen(/step 2 of 11/);
    if (!/step 3 of 11/.test(atStep2)) await mustShell("docker image pull alpine");
    await waitForScreen(/step 3 of 11/);

    // The second terminal: the tutor sees the daemon, not the keystrokes.
    await mustShell("docker container run alpine ls -l");
    await waitForScreen(/✔ Done: Run a command in alpine/);
    await waitForScreen(/step 4 of 11/);

    tmux("send-keys", "-t", tmuxSession, "h");
    await waitForScreen(/Hint 1\/\d:/);
    tmux("send-keys", "-t", tmuxSession, "c");
    await waitForScreen(/✖ Not yet:/);

    tmux("send-keys", "-t", tmuxSession, "q");
    await waitForScreen(/Progress saved\. Pick up where you left off with: docker-tutor lesson 1/);
    const progress = new ProgressStore(join(dataDir, "progress.json"), () => undefined).lesson("hello-world");
    expect(progress?.steps["run-hello-world"]?.status).toBe("passed");
    expect(progress?.steps["run-a-command"]?.status).toBe("passed");
    expect(progress?.hints["echo-from-alpine"]).toBe(1);
  }, 90_000);
});
