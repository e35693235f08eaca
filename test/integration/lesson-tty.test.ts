import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProgressStore } from "../../src/progress/store.js";
import { freePort } from "../../src/testing/isolation.js";
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

    // A shell command is not taken for a key: the `c` of `cp` must not start a check.
    tmux("send-keys", "-t", tmuxSession, "cp a b", "Enter");
    await waitForScreen(/Only docker commands run here\. Run .?cp.? in your own shell\./);
    expect(screen()).not.toMatch(/✖ Not yet:/);

    tmux("send-keys", "-t", tmuxSession, "h", "Enter");
    await waitForScreen(/Hint 1\/\d:/);
    tmux("send-keys", "-t", tmuxSession, "c", "Enter");
    await waitForScreen(/✖ Not yet:/);

    // A pull that fails: the tip names the image and how to have images for offline lessons.
    const missing = uniqueName("no-such-image");
    tmux("send-keys", "-t", tmuxSession, `docker pull ${missing}`, "Enter");
    await waitForScreen(new RegExp(`The image .?${missing}:latest.? is not on this machine and could not be pulled`));
    expect(screen()).toMatch(/docker-tutor prepare.? pulls every image the lessons need/);

    tmux("send-keys", "-t", tmuxSession, "q", "Enter");
    await waitForScreen(/Progress saved\. Pick up where you left off with: docker-tutor lesson 1/);
    expect(screen()).toContain("What the lesson made stays on the daemon; to remove it, and only it: docker-tutor reset 1");
    const progress = new ProgressStore(join(dataDir, "progress.json"), () => undefined).lesson("hello-world");
    expect(progress?.steps["run-hello-world"]?.status).toBe("passed");
    expect(progress?.steps["run-a-command"]?.status).toBe("passed");
    expect(progress?.hints["echo-from-alpine"]).toBe(1);
  }, 90_000);
});

describe("lesson 3 in a terminal, through the interpreter", () => {
  const session3 = uniqueName("tty3");
  const data3 = mkdtempSync(join(tmpdir(), "dtt-tty3-data-"));
  const workdir = mkdtempSync(join(tmpdir(), "dtt-tty3-work-"));
  const vars = { dockerid: uniqueName("id"), name: uniqueName("web"), port: "", oldname: uniqueName("old"), oldport: "" };
  const screen3 = () => execFileSync("tmux", ["capture-pane", "-p", "-J", "-t", session3, "-S", "-300"], { encoding: "utf8" });
  const waitFor3 = async (pattern: RegExp, timeoutMs = 30_000): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    let text = "";
    while (Date.now() < deadline) {
      text = screen3();
      if (pattern.test(text)) return text;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the screen never showed ${pattern}; it shows:\n${text}`);
  };
  const varArgs = () =>
    Object.entries(vars)
      .map(([k, v]) => `--var ${k}=${v}`)
      .join(" ");

  afterAll(async () => {
    execFileSync("tmux", ["kill-session", "-t", session3], { stdio: "ignore" });
    const env = `NO_COLOR=1 DOCKER_TUTOR_DATA_DIR=${data3}`;
    await mustShell(`env ${env} ${process.execPath} ${CLI} ${varArgs()} reset 3 --yes`);
    for (const dir of [data3, workdir]) rmSync(dir, { recursive: true, force: true });
  });

  it("copies the app into its workspace, builds it with r, and runs a typed command through the interpreter", async () => {
    vars.port = String(await freePort());
    vars.oldport = String(await freePort());
    const env = `NO_COLOR=1 DOCKER_TUTOR_DATA_DIR=${data3} DOCKER_CONFIG=${data3}`;
    tmux(
      "new-session",
      "-d",
      "-s",
      session3,
      "-x",
      "140",
      "-y",
      "60",
      `env ${env} ${process.execPath} ${CLI} ${varArgs()} lesson 3 --interpreter --workdir ${workdir}; sleep 30`,
    );
    await waitFor3(/step 1 of 13/);
    expect(screen3()).toContain(`This lesson's files are in ${workdir}`);
    tmux("send-keys", "-t", session3, "r", "Enter");
    await waitFor3(/✔ Done: Build the app's image/, 60_000);
    expect(screen3()).toMatch(/Successfully tagged/);
    await waitFor3(/step 2 of 13/);
    tmux(
      "send-keys",
      "-t",
      session3,
      `docker container run --detach --publish ${vars.port}:80 --name ${vars.name} ${vars.dockerid}/linux_tweet_app:1.0`,
      "Enter",
    );
    await waitFor3(/✔ Done: Serve the website/);
    const page = await fetch(`http://127.0.0.1:${vars.port}/`).then((r) => r.text());
    expect(page).toContain("<html");
    tmux("send-keys", "-t", session3, "q", "Enter");
    await waitFor3(/Progress saved/);
  }, 120_000);
});
