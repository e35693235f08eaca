import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProgressStore } from "../../src/progress/store.js";
import { freePort } from "../../src/testing/isolation.js";
import { mustShell, shell } from "../helpers/docker-cli.js";
import { engineJson, requireDaemon, uniqueName } from "../helpers/engine-api.js";
import { CLI } from "../helpers/run-cli.js";
import { openTerminal, type Terminal } from "../helpers/tmux.js";

/** The real interactive lesson in a real terminal (tmux): typed at its prompt and in a second shell. */
const tmuxSession = uniqueName("tty");
const dataDir = mkdtempSync(join(tmpdir(), "dtt-tty-data-"));
const shellName = uniqueName("shell");

let terminal: Terminal;

beforeAll(async () => {
  await requireDaemon();
  const env = `NO_COLOR=1 DOCKER_TUTOR_DATA_DIR=${dataDir} DOCKER_CONFIG=${dataDir}`;
  terminal = openTerminal(tmuxSession, `env ${env} ${process.execPath} ${CLI} --var shell=${shellName} lesson 1; sleep 30`, {
    columns: 120,
    rows: 50,
  });
});

afterAll(async () => {
  terminal?.kill();
  const snapshot = new ProgressStore(join(dataDir, "progress.json"), () => undefined).lesson("hello-world")?.snapshot;
  if (!snapshot) return;
  const containers = await engineJson<{ Id: string; Image: string }[]>("/containers/json?all=true");
  for (const c of containers.filter((c) => !snapshot.containers.includes(c.Id) && /^(alpine|hello-world)/.test(c.Image))) {
    await shell(`docker container rm -f ${c.Id}`);
  }
});

describe("the interactive lesson in a terminal", () => {
  it("turns steps green for commands typed at its prompt and in another shell, shows hints, and quits keeping progress", async () => {
    await terminal.waitForScreen(/step 1 of 13/);
    expect(terminal.screen()).toMatch(/h hint · s solution · r run it for me · c check · k skip · q quit/);

    terminal.send("docker container run hello-world", "Enter");
    await terminal.waitForScreen(/✔ Done: Run your first container/);
    expect(terminal.screen()).toContain("Hello from Docker!");

    const atStep2 = await terminal.waitForScreen(/step 2 of 13/);
    if (!/step 3 of 13/.test(atStep2)) await mustShell("docker image pull alpine");
    await terminal.waitForScreen(/step 3 of 13/);

    // The second terminal: the tutor sees the daemon, not the keystrokes.
    await mustShell("docker container run alpine ls -l");
    await terminal.waitForScreen(/✔ Done: Run a command in alpine/);
    await terminal.waitForScreen(/step 4 of 13/);

    // A shell command is not taken for a key: the `c` of `cp` must not start a check.
    terminal.send("cp a b", "Enter");
    await terminal.waitForScreen(/Only docker commands run here\. Run .?cp.? in your own shell\./);
    expect(terminal.screen()).not.toMatch(/✖ Not yet:/);

    terminal.send("h", "Enter");
    await terminal.waitForScreen(/Hint 1\/\d:/);
    terminal.send("c", "Enter");
    await terminal.waitForScreen(/✖ Not yet:/);

    // A typo of the lesson's image: below Docker's own error, one sentence asking what was meant.
    terminal.send("docker container run helo-world", "Enter");
    await terminal.waitForScreen(/There is no image .?helo-world.?: did you mean .?hello-world.?\?/);
    // A name like nothing known: the registry's answer, and no offline advice that would contradict it.
    const missing = uniqueName("no-such-image");
    terminal.send(`docker pull ${missing}`, "Enter");
    await terminal.waitForScreen(new RegExp(`The registry has no image .?${missing}.? \\(or it is private\\): check its name`));

    // The same named container again (the first in the other shell): Docker's conflict, then whose the name is and the fix.
    await mustShell(`docker container run --name ${shellName} alpine true`);
    terminal.send(`docker container run --name ${shellName} alpine true`, "Enter");
    await terminal.waitForScreen(new RegExp(`${shellName}.? is the container from your earlier try \\(exited, made`));
    expect(terminal.screen()).toMatch(/Conflict\. The container name/);
    terminal.send(`docker container rm -f ${shellName}`, "Enter");

    terminal.send("q", "Enter");
    await terminal.waitForScreen(/Progress saved\. Pick up where you left off with: docker-tutor lesson 1/);
    await terminal.waitForScreen(/To remove it, and only it: docker-tutor reset 1/);
    expect(terminal.screen()).toMatch(
      // hello-world is listed as the lesson's too when its first step had to pull it
      /What the lesson made is still on the daemon:\n( {2}- container \S+ \((hello-world|alpine)\)\n)+( {2}- image hello-world:latest\n)?To remove it/,
    );
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
  chmodSync(workdir, 0o755); // nginx's workers (user nginx) read lesson 3's bind mount, as in a learner's folder
  const vars = { dockerid: uniqueName("id"), name: uniqueName("web"), port: "", oldname: uniqueName("old"), oldport: "" };
  let terminal3: Terminal;
  const varArgs = () =>
    Object.entries(vars)
      .map(([k, v]) => `--var ${k}=${v}`)
      .join(" ");

  afterAll(async () => {
    terminal3?.kill();
    const env = `NO_COLOR=1 DOCKER_TUTOR_DATA_DIR=${data3}`;
    await mustShell(`env ${env} ${process.execPath} ${CLI} ${varArgs()} reset 3 --yes`);
    for (const dir of [data3, workdir]) rmSync(dir, { recursive: true, force: true });
  });

  it("copies the app into its workspace, builds it with r, and runs a typed command through the interpreter", async () => {
    vars.port = String(await freePort());
    vars.oldport = String(await freePort());
    const env = `NO_COLOR=1 DOCKER_TUTOR_DATA_DIR=${data3} DOCKER_CONFIG=${data3}`;
    terminal3 = openTerminal(
      session3,
      `env ${env} ${process.execPath} ${CLI} ${varArgs()} lesson 3 --interpreter --workdir ${workdir}; sleep 30`,
      { columns: 140, rows: 60 },
    );
    await terminal3.waitForScreen(/step 1 of 15/);
    expect(terminal3.screen()).toContain(`This lesson's files are in ${workdir}`);
    terminal3.send("r", "Enter");
    await terminal3.waitForScreen(/✔ Done: Build the app's image/, 60_000);
    // BuildKit's last step (the buildx plugin is installed, so the tutor builds as the CLI would)
    expect(terminal3.screen()).toMatch(/#\d+ naming to docker\.io\/\S+\/linux_tweet_app:1\.0 done/);
    await terminal3.waitForScreen(/step 2 of 15/);
    terminal3.send(
      `docker container run --detach --publish ${vars.port}:80 --name ${vars.name} ${vars.dockerid}/linux_tweet_app:1.0`,
      "Enter",
    );
    await terminal3.waitForScreen(/✔ Done: Serve the website/);
    const page = await fetch(`http://127.0.0.1:${vars.port}/`).then((r) => r.text());
    expect(page).toContain("<html");
    terminal3.send("q", "Enter");
    await terminal3.waitForScreen(/Progress saved/);
  }, 120_000);
});

describe("reaching the end of a lesson with steps still open", () => {
  const sessionEnd = uniqueName("tty-end");
  const dataEnd = mkdtempSync(join(tmpdir(), "dtt-tty-end-data-"));
  let terminalEnd: Terminal | undefined;

  afterAll(() => {
    terminalEnd?.kill();
    rmSync(dataEnd, { recursive: true, force: true });
  });

  it("does not call the lesson complete: it counts the open steps, says where lesson N resumes, and what stays", async () => {
    await requireDaemon();
    const env = `NO_COLOR=1 DOCKER_TUTOR_DATA_DIR=${dataEnd} DOCKER_CONFIG=${dataEnd}`;
    terminalEnd = openTerminal(sessionEnd, `env ${env} ${process.execPath} ${CLI} lesson 1 --step 13; echo EXIT=$?; sleep 30`);
    await terminalEnd.waitForScreen(/step 13 of 13/);
    terminalEnd.send("Enter"); // the last step is a quiz: take the first choice, right or wrong
    await terminalEnd.waitForScreen(/EXIT=0/);
    const screen = terminalEnd.screen();
    expect(screen).toMatch(
      /! End of lesson 1: [01] of 13 steps done; 1[23] still open\. docker-tutor lesson 1 starts at the first of them\./,
    );
    expect(screen).not.toMatch(/Lesson 1 complete/);
    expect(screen).toContain("Nothing the lesson made is on the daemon now.");
  }, 60_000);
});
