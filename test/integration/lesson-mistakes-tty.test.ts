import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProgressStore } from "../../src/progress/store.js";
import { freePort } from "../../src/testing/isolation.js";
import { mustShell, shell } from "../helpers/docker-cli.js";
import { requireDaemon, uniqueName } from "../helpers/engine-api.js";
import { stepCount } from "../helpers/lesson-walk.js";
import { CLI } from "../helpers/run-cli.js";
import { openTerminal, type Terminal } from "../helpers/tmux.js";

/**
 * Lessons 1 and 4 as a newcomer lives them, in a real 80-column terminal, with the usual mistakes:
 * alpine already there, an early wrong `docker run alpine ls`, skipped steps, docker commands typed
 * at a quiz, a wrong answer, a name the learner's own earlier try holds, typos. Each step must pass
 * only after the learner's own action, a quiz must never take a command as its answer, and every
 * line the tutor prints must fit the terminal.
 */
const COLUMNS = 80;
const steps1 = stepCount(1);
const steps4 = stepCount(4);
const dataDir = mkdtempSync(join(tmpdir(), "dtt-mistakes-"));
const env = `NO_COLOR=1 DOCKER_TUTOR_DATA_DIR=${dataDir} DOCKER_CONFIG=${dataDir}`;
const lesson1Vars = `--var shell=${uniqueName("shell")} --var greeting=${uniqueName("hi")}`;
let lesson4Vars = "";
const terminals: Terminal[] = [];

/** The screen with line breaks taken out, so that a sentence the tutor wrapped reads as one. */
const flat = (screen: string) => screen.replace(/\s*\n\s*/g, " ");
async function waitForText(t: Terminal, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const text = flat(t.screen());
    if (pattern.test(text)) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the screen never showed ${pattern}; it shows:\n${t.screen()}`);
}
/** What the screen shows after the last `marker`: this step's part of it. */
const after = (t: Terminal, marker: string) => {
  const text = flat(t.screen());
  return text.slice(text.lastIndexOf(marker));
};
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Types a line at the tutor's prompt. */
const type = (t: Terminal, line: string) => t.send(line, "Enter");

/** Lines the terminal had to wrap (tmux -J joins them again): the tutor's own must never be among them. */
function tooWide(t: Terminal): string[] {
  // What the learner typed at the prompt, and Docker's own output (its errors, `docker version`, ping), are not the tutor's to wrap.
  const dockers =
    /^(docker-tutor ❯ |docker: |Error response|See 'docker|Run 'docker|Unable to find image|PING |\d+ bytes from|\s+(API version|Go version|Git commit|Built|OS\/Arch|Version|Context):)/;
  return t
    .screen()
    .split("\n")
    .filter((line) => [...line].length > COLUMNS && !dockers.test(line));
}

/** After a step passed: the tutor says so and waits for Enter before the next step is shown. */
async function continueAfter(t: Terminal, doneTitle: RegExp, nextStep: string): Promise<void> {
  await waitForText(t, doneTitle);
  await waitForText(t, /Enter: next step/);
  await pause(300);
  expect(flat(t.screen())).not.toContain(nextStep);
  t.send("Enter");
  await waitForText(t, new RegExp(nextStep));
}

/** Nothing passes the step while the learner has not done its action: waits, then says the step is not done. */
async function stillOpen(t: Terminal, title: string, ms = 4000): Promise<void> {
  await pause(ms);
  expect(flat(t.screen())).not.toMatch(new RegExp(`(Done|Already done before this step): ${title}`));
}

function open(name: string, command: string): Terminal {
  const t = openTerminal(uniqueName(name), `env ${env} ${process.execPath} ${CLI} ${command}; echo EXIT=$?; sleep 60`, {
    columns: COLUMNS,
    rows: 60,
  });
  terminals.push(t);
  return t;
}

beforeAll(async () => {
  await requireDaemon();
  // alpine is there before lesson 1, as after `docker-tutor prepare`
  await mustShell("docker image pull -q alpine");
  await mustShell("docker image pull -q nginx");
  const port = await freePort();
  const names = ["sleeper", "pinger", "web", "net", "app", "db"].map((v) => `--var ${v}=${uniqueName(v)}`);
  lesson4Vars = `${names.join(" ")} --var port=${port}`;
});

afterAll(async () => {
  for (const t of terminals) t.kill();
  await shell(`env ${env} ${process.execPath} ${CLI} ${lesson1Vars} reset 1 --yes`);
  await shell(`env ${env} ${process.execPath} ${CLI} ${lesson4Vars} reset 4 --yes`);
  rmSync(dataDir, { recursive: true, force: true });
}, 120_000);

const progressOf = (lesson: string) => new ProgressStore(join(dataDir, "progress.json"), () => undefined).lesson(lesson);

describe("lesson 1 with a newcomer's mistakes", () => {
  it("passes each step only on the learner's own action, runs commands typed at a quiz, and fits 80 columns", async () => {
    const t = open("mistakes1", `${lesson1Vars} lesson 1`);
    await waitForText(t, new RegExp(`step 1 of ${steps1}`));

    // Typos: the tutor's own "did you mean", then Docker's error and one sentence naming the image meant.
    type(t, "dokcer container run hello-world");
    await waitForText(t, /dokcer.? is not a command here: did you mean .?docker container run hello-world.?\?/);
    type(t, "docker container run helo-world");
    await waitForText(t, /There is no image .?helo-world.?: did you mean .?hello-world.?\?/);
    expect(flat(t.screen())).not.toMatch(/Done: Run your first container/);
    type(t, "docker container run hello-world");
    await continueAfter(t, /✔ Done: Run your first container/, `step 2 of ${steps1}`);

    // alpine was there before the step: it says so, and waits instead of flashing past.
    await continueAfter(t, /Already done before this step: Pull the alpine image/, `step 3 of ${steps1}`);

    // The early wrong try: `ls` where the step asks for `ls -l`.
    type(t, "docker container run alpine ls");
    await waitForText(t, /Not yet/);
    type(t, "docker container run alpine ls -l");
    await continueAfter(t, /✔ Done: Run a command in alpine/, `step 4 of ${steps1}`);

    // Skip to "Make a file": skipping passes nothing.
    for (const next of [5, 6, 7, 8]) {
      type(t, "k");
      await waitForText(t, new RegExp(`step ${next} of ${steps1}`));
    }
    type(t, "r");
    await continueAfter(t, /✔ Done: Make a file in a container/, `step 9 of ${steps1}`);

    // The `ls` container from step 3 was made before this step: it does not count.
    await stillOpen(t, "Where did the file go\\?");
    type(t, "docker container run alpine ls");
    await continueAfter(t, /✔ Done: Where did the file go\?/, `step 10 of ${steps1}`);

    // `start` alone is not the step: the tutor's own probe in the container does not count either.
    const made = (await mustShell(`docker container ls -a --filter ancestor=alpine --format "{{.ID}} {{.Command}}"`))
      .split("\n")
      .find((line) => line.includes("/bin/ash"));
    const id = made?.split(" ")[0] ?? "";
    expect(id, "the make-a-file container").not.toBe("");
    type(t, `docker container start ${id}`);
    await stillOpen(t, "Back into the first container", 5000);
    type(t, `docker container exec ${id} ls`);
    await continueAfter(t, /✔ Done: Back into the first container/, `step 11 of ${steps1}`);

    // A quiz that asks for commands first: they run, and are never taken as the answer.
    await waitForText(t, /Run the commands above first, then answer\./);
    type(t, "$ docker version");
    await waitForText(t, /Server:/);
    await pause(500);
    expect(after(t, `step 11 of ${steps1}`)).not.toMatch(/Not quite|Right\./);
    type(t, "4");
    await waitForText(t, /✖ Not quite — try again \(or s to see the answer\)\./);
    type(t, "6");
    await waitForText(t, /✔ Right\./);

    expect(tooWide(t)).toEqual([]);
    type(t, "q");
    await waitForText(t, /EXIT=\d+/);
    const progress = progressOf("hello-world");
    expect(progress?.steps["client-and-daemon"]).toMatchObject({ answer: "4", correct: false });
    expect(progress?.steps["echo-from-alpine"]).toMatchObject({ status: "skipped" });
    expect(progress?.steps["file-is-isolated"]).toMatchObject({ status: "passed" });
  }, 240_000);
});

describe("lesson 4 with a newcomer's mistakes", () => {
  it("runs commands typed at quizzes, needs the learner's ping, names the earlier try's container, and never passes an unplug that was skipped", async () => {
    const t = open("mistakes4", `${lesson4Vars} lesson 4`);
    await waitForText(t, new RegExp(`step 1 of ${steps4}`));

    // The step's command typed at the quiz: it runs, and the choice is then given by its number.
    type(t, "docker network ls");
    await waitForText(t, /NETWORK ID +NAME +DRIVER +SCOPE/);
    const bridge = /(\d)\. bridge\b/.exec(t.screen())?.[1];
    expect(bridge, "the choice `bridge` is listed with a number").toBeDefined();
    type(t, bridge ?? "");
    await continueAfter(t, /✔ Right\./, `step 2 of ${steps4}`);

    // A free-text quiz: the shown command is run, not taken for the answer.
    type(t, "docker network inspect bridge");
    await waitForText(t, /"Driver": "bridge"/);
    await pause(500);
    expect(after(t, `step 2 of ${steps4}`)).not.toMatch(/Not quite|Right\./);
    const subnet = (await mustShell(`docker network inspect bridge --format "{{(index .IPAM.Config 0).Subnet}}"`)).trim();
    type(t, subnet);
    await continueAfter(t, /✔ Right\./, `step 3 of ${steps4}`);

    const name = (v: string) => new RegExp(`--var ${v}=(\\S+)`).exec(lesson4Vars)?.[1] ?? "";
    type(t, `docker run -dt --name ${name("sleeper")} alpine sleep infinity`);
    await continueAfter(t, /✔ Done: A container on the default bridge/, `step 4 of ${steps4}`);

    // pinger alone is not the step: the learner's own ping is.
    type(t, `docker run -dt --name ${name("pinger")} alpine sleep infinity`);
    await stillOpen(t, "Reach it from another container");
    const address = (await mustShell(`docker inspect -f "{{.NetworkSettings.IPAddress}}" ${name("sleeper")}`)).trim();
    type(t, `docker exec ${name("pinger")} ping -c 2 ${address}`);
    await continueAfter(t, /✔ Done: Reach it from another container/, `step 5 of ${steps4}`);

    type(t, "s");
    await continueAfter(t, /The answer:/, `step 6 of ${steps4}`);

    // An earlier wrong try (ports the wrong way round) in the other shell holds the name.
    const port = /--var port=(\d+)/.exec(lesson4Vars)?.[1] ?? "";
    await mustShell(`docker run --name ${name("web")} -d -p ${port}:8080 nginx`);
    type(t, `docker run --name ${name("web")} -d -p ${port}:80 nginx`);
    await waitForText(
      t,
      new RegExp(`${name("web")}.? is the container from your earlier try \\(running, made .*docker rm -f ${name("web")}`),
    );
    type(t, `docker rm -f ${name("web")}`);
    type(t, `docker run --name ${name("web")} -d -p ${port}:80 nginx`);
    await continueAfter(t, /✔ Done: Publish a port/, `step 7 of ${steps4}`);

    type(t, "r");
    await continueAfter(t, /✔ Done: A network of your own/, `step 8 of ${steps4}`);
    type(t, "r");
    await continueAfter(t, /✔ Done: Containers that find each other by name/, `step 9 of ${steps4}`);
    type(t, "s");
    await continueAfter(t, /The answer:/, `step 10 of ${steps4}`);

    // Skip plugging pinger in: unplugging it can then never pass.
    type(t, "k");
    await waitForText(t, new RegExp(`step 11 of ${steps4}`));
    type(t, "s");
    await continueAfter(t, /The answer:/, `step 12 of ${steps4}`);
    await stillOpen(t, "Unplug it again", 5000);

    expect(tooWide(t)).toEqual([]);
    type(t, "q");
    await waitForText(t, /EXIT=\d+/);
    const progress = progressOf("networks");
    expect(progress?.steps["connect-second-network"]).toMatchObject({ status: "skipped" });
    expect(progress?.steps.disconnect).toBeUndefined();
  }, 240_000);
});
