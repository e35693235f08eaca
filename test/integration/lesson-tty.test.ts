import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProgressStore } from "../../src/progress/store.js";
import { freePort } from "../../src/testing/isolation.js";
import { mustShell, shell } from "../helpers/docker-cli.js";
import { requireDaemon, uniqueName } from "../helpers/engine-api.js";
import { stepCount, stepNumber } from "../helpers/lesson-walk.js";
import { CLI } from "../helpers/run-cli.js";
import { openTerminal, type Terminal } from "../helpers/tmux.js";

/** The real interactive lesson in a real terminal (tmux): typed at its prompt and in a second shell. */
const tmuxSession = uniqueName("tty");
const dataDir = mkdtempSync(join(tmpdir(), "dtt-tty-data-"));
// A greeting of its own: another run's `echo hello from alpine` on the shared daemon must not pass this run's step.
const shellName = uniqueName("shell");
const lesson1Vars = `--var shell=${shellName} --var greeting=${uniqueName("hi")}`;
const COLUMNS = 80;
const steps1 = stepCount(1);
const steps3 = stepCount(3);

let terminal: Terminal;

/** The screen with the tutor's own line breaks taken out: a sentence wrapped to the terminal reads as one. */
const flat = (screen: string) => screen.replace(/\s*\n\s*/g, " ");
const waitForText = async (t: Terminal, pattern: RegExp, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (pattern.test(flat(t.screen()))) return flat(t.screen());
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the screen never showed ${pattern}; it shows:\n${t.screen()}`);
};

beforeAll(async () => {
  await requireDaemon();
  const env = `NO_COLOR=1 DOCKER_TUTOR_DATA_DIR=${dataDir} DOCKER_CONFIG=${dataDir}`;
  terminal = openTerminal(tmuxSession, `env ${env} ${process.execPath} ${CLI} ${lesson1Vars} lesson 1; sleep 30`, {
    columns: COLUMNS,
    rows: 50,
  });
});

afterAll(async () => {
  terminal?.kill();
  // The tutor's own reset: it removes what this run's lesson made, and nothing of another run going on at the same time.
  await shell(`env NO_COLOR=1 DOCKER_TUTOR_DATA_DIR=${dataDir} ${process.execPath} ${CLI} ${lesson1Vars} reset 1 --yes`);
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the interactive lesson in a terminal", () => {
  it("turns steps green for commands typed at its prompt and in another shell, waits for Enter after each, shows hints, and quits keeping progress", async () => {
    await terminal.waitForScreen(new RegExp(`step 1 of ${steps1}`));
    expect(terminal.screen()).toMatch(/h hint · s solution · r run it for me · c check · k skip · q quit · help/);
    expect(terminal.screen()).toMatch(/Type here or in your own shell:\n {2}\$ docker container run hello-world/);

    // A typo is caught before it reaches a shell, with what was meant.
    terminal.send("dokcer container run hello-world", "Enter");
    await waitForText(terminal, /dokcer.? is not a command here: did you mean .?docker container run hello-world.?\?/);

    // A line copied with its prompt runs all the same.
    terminal.send("$ docker container run hello-world", "Enter");
    await terminal.waitForScreen(/✔ Done: Run your first container/);
    expect(terminal.screen()).toContain("Hello from Docker!");
    await terminal.waitForScreen(/Enter: next step/);
    // The step is done, and the next one waits until the learner has read this one.
    await new Promise((r) => setTimeout(r, 500));
    expect(terminal.screen()).not.toMatch(new RegExp(`step 2 of ${steps1}`));
    terminal.send("Enter");
    await terminal.waitForScreen(new RegExp(`step 2 of ${steps1}`));

    // alpine may be there already: then the step says it was done before it, and waits too.
    const atStep2 = await waitForText(terminal, /Already done before this step: Pull the alpine image|h hint · s solution/);
    if (!/Already done before this step/.test(atStep2)) {
      await mustShell("docker image pull alpine");
      await terminal.waitForScreen(/✔ Done: Pull the alpine image/);
    }
    await terminal.waitForScreen(/Enter: next step/);
    terminal.send("Enter");
    await terminal.waitForScreen(new RegExp(`step 3 of ${steps1}`));

    // The second terminal: the tutor sees the daemon, not the keystrokes.
    await mustShell("docker container run alpine ls -l");
    await terminal.waitForScreen(/✔ Done: Run a command in alpine/);
    terminal.send("Enter");
    await terminal.waitForScreen(new RegExp(`step 4 of ${steps1}`));

    // A shell command is not taken for a key: the `c` of `cp` must not start a check; nor is `exit` refused with "Run exit".
    terminal.send("cp a b", "Enter");
    await waitForText(terminal, /cp.? runs in your own shell, in another terminal/);
    terminal.send("exit", "Enter");
    await waitForText(
      terminal,
      /You are at the tutor's prompt, not in a shell: .?exit.? belongs in a container's shell; q leaves the lesson/,
    );
    terminal.send("help", "Enter");
    await terminal.waitForScreen(/h {2}next hint/);
    expect(terminal.screen()).not.toMatch(/✖ Not yet:|Run .?\$/);

    terminal.send("h", "Enter");
    await terminal.waitForScreen(/Hint 1\/\d:/);
    terminal.send("c", "Enter");
    await terminal.waitForScreen(/✖ Not yet:/);

    // Every line the tutor printed fits the terminal: nothing was cut by it (tmux -J would join the pieces).
    const tooWide = terminal
      .screen()
      .split("\n")
      .filter((line) => [...line].length > COLUMNS);
    expect(tooWide).toEqual([]);

    // A typo of the lesson's image: below Docker's own error, one sentence asking what was meant.
    terminal.send("docker container run helo-world", "Enter");
    await waitForText(terminal, /There is no image .?helo-world.?: did you mean .?hello-world.?\?/);
    // A name like nothing known: the registry's answer, and no offline advice that would contradict it.
    const missing = uniqueName("no-such-image");
    terminal.send(`docker pull ${missing}`, "Enter");
    await waitForText(terminal, new RegExp(`The registry has no image .?${missing}.? \\(or it is private\\): check its name`));

    // The same named container again (the first in the other shell): Docker's conflict, then whose the name is and the fix.
    await mustShell(`docker container run --name ${shellName} alpine true`);
    terminal.send(`docker container run --name ${shellName} alpine true`, "Enter");
    const conflict = await waitForText(terminal, new RegExp(`${shellName}.? is the container from your earlier try \\(exited, made`));
    expect(conflict).toMatch(/Conflict\. The container name/);
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
    await terminal3.waitForScreen(new RegExp(`step 1 of ${steps3}`));
    expect(terminal3.screen()).toContain(`This lesson's files are in ${workdir}`);
    terminal3.send("r", "Enter");
    await terminal3.waitForScreen(/✔ Done: Build the app's image/, 60_000);
    // BuildKit's last step (the buildx plugin is installed, so the tutor builds as the CLI would)
    expect(terminal3.screen()).toMatch(/#\d+ naming to docker\.io\/\S+\/linux_tweet_app:1\.0( [\d.]+s)? done/);
    await terminal3.waitForScreen(/Enter: next step/);
    terminal3.send("Enter");
    await terminal3.waitForScreen(new RegExp(`step 2 of ${steps3}`));
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

describe("a quiz at the end of a lesson with steps still open", () => {
  const sessionEnd = uniqueName("tty-end");
  const dataEnd = mkdtempSync(join(tmpdir(), "dtt-tty-end-data-"));
  let terminalEnd: Terminal | undefined;

  afterAll(() => {
    terminalEnd?.kill();
    rmSync(dataEnd, { recursive: true, force: true });
  });

  it("runs a docker command typed at the quiz, lets a wrong answer be tried again without a ✔, and ends counting open steps and right answers", async () => {
    await requireDaemon();
    // The last quiz, then the challenge that ends the lesson, skipped.
    const quiz = stepNumber(1, "quiz-last-image");
    const env = `NO_COLOR=1 DOCKER_TUTOR_DATA_DIR=${dataEnd} DOCKER_CONFIG=${dataEnd}`;
    terminalEnd = openTerminal(sessionEnd, `env ${env} ${process.execPath} ${CLI} lesson 1 --step ${quiz}; echo EXIT=$?; sleep 30`, {
      columns: 80,
      rows: 50,
    });
    await terminalEnd.waitForScreen(new RegExp(`step ${quiz} of ${steps1}`));
    await terminalEnd.waitForScreen(/Type your answer · h hint · s show the answer/);
    // The command the learner would look the answer up with is run, not taken as the answer.
    terminalEnd.send("docker container ls --all --latest --format '{{.Image}}-shown'", "Enter");
    await terminalEnd.waitForScreen(/docker-tutor ❯ docker container ls[^\n]*\n(\S+-shown\n)?docker-tutor ❯/);
    expect(terminalEnd.screen()).not.toMatch(/Not quite|Right\./);
    terminalEnd.send("no-such-image-at-all", "Enter");
    await terminalEnd.waitForScreen(/✖ Not quite — try again \(or s to see the answer\)\./);
    terminalEnd.send("s", "Enter");
    await terminalEnd.waitForScreen(/Enter: next step/);
    expect(terminalEnd.screen()).not.toContain("✔");
    terminalEnd.send("Enter");
    await terminalEnd.waitForScreen(new RegExp(`step ${steps1} of ${steps1}`));
    terminalEnd.send("k", "Enter");
    const screen = await waitForText(terminalEnd, /EXIT=0/);
    expect(screen).toContain(
      `! End of lesson 1: 1 of ${steps1} steps done, 1 skipped; 0 of 1 quiz answer right first time; ${steps1 - 2} still open. docker-tutor lesson 1 starts at the first of them.`,
    );
    expect(screen).not.toMatch(/Lesson 1 complete/);
    // (what the lesson made is said next; on a shared daemon another run's alpine container may count)
    expect(screen).toMatch(/Nothing the lesson made is on the daemon now\.|What the lesson made is still on the daemon:/);
    const progress = new ProgressStore(join(dataEnd, "progress.json"), () => undefined).lesson("hello-world");
    expect(progress?.steps["quiz-last-image"]).toMatchObject({ status: "passed", answer: "no-such-image-at-all", correct: false });
  }, 60_000);
});
