import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../src/testing/isolation.js";
import { shell } from "../helpers/docker-cli.js";
import { engineJson, engineRequest, requireDaemon, uniqueName } from "../helpers/engine-api.js";
import { type CliResult, runCli } from "../helpers/run-cli.js";

/**
 * Issue 17, routes 2, 3, 5 (excerpts) and 8: hostile lesson packs (test/fixtures/hostile-packs/)
 * run through the built CLI against the real daemon. Nothing outside the workspace is read or
 * written, no container that was there before the lesson is exec'd into, no page but the lesson's
 * own is asked, no control sequence reaches the output, and each refusal is one sentence that
 * names the rule.
 */
const PACKS = fileURLToPath(new URL("../fixtures/hostile-packs", import.meta.url));
const pack = (route: string, name: string) => join(PACKS, route, name);
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/** Folders this file made, removed at the end. */
const folders: string[] = [];
const temp = (what: string) => {
  const dir = mkdtempSync(join(tmpdir(), `dtt-hostile-${what}-`));
  folders.push(dir);
  return dir;
};
const dataEnv = () => ({ DOCKER_TUTOR_DATA_DIR: temp("data") });
const both = (r: CliResult) => r.stdout + r.stderr;
/** Words as a report shows them: code spans without their backticks (the terminal's), each run of white space one space (wrapped lines). */
const shown = (words: string) => words.replace(/`/g, "").replace(/\s+/g, " ");
const flat = (r: CliResult) => shown(both(r));
/** Containers this file made (or had a lesson make under names it chose): removed at the end, nothing else. */
const ours: string[] = [];

beforeAll(async () => {
  await requireDaemon();
});

afterAll(async () => {
  for (const name of ours) await shell(`docker container rm -f ${name}`);
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe("route 2: no links out", () => {
  it("a pack with a link nested in its asset folder does not load: the link's path, in one sentence, exit 2", async () => {
    const dir = pack("links-out", "nested-asset-link");
    const link = join(dir, "91-nested-link", "site", "deep", "bashrc");
    const workdir = join(temp("work"), "w");
    const sentence = `${link}:1:1: a link (to "../../../../outside-the-pack.txt") in a lesson pack, which may hold only plain files and folders — replace the link with a copy of the file or folder it points to`;
    for (const args of [
      ["validate", dir],
      ["--lessons-dir", dir, "list"],
      ["--lessons-dir", dir, "solve", "91", "--workdir", workdir],
    ]) {
      const result = await runCli(args, { env: dataEnv() });
      expect(result.code, args.join(" ")).toBe(2);
      expect(both(result)).toContain(sentence);
    }
    expect(existsSync(workdir)).toBe(false);
  });

  it("links a container plants in the workspace are never written or read through", async () => {
    const home = temp("home");
    const secret = join(temp("ssh"), "id_ed25519");
    writeFileSync(secret, "PRIVATE KEY");
    const workdir = temp("work");
    const vars = ["--var", `home=${home}`, "--var", `secret=${secret}`];
    const result = await runCli(
      ["--lessons-dir", pack("links-out", "write-through-planted-link"), ...vars, "solve", "92", "--workdir", workdir],
      {
        env: dataEnv(),
      },
    );
    expect(result.code, both(result)).toBe(1);
    expect(result.stdout).toContain(
      `# Not done: The lesson asks to write home/.bashrc, but home in its workspace ${workdir} leads to ${home}, outside it.`,
    );
    expect(result.stdout).toContain(
      `# Not done: The lesson asks to read key, but key in its workspace ${workdir} is a link to ${secret}, which the tutor never follows.`,
    );
    expect(readdirSync(home)).toEqual([]);
    expect(readFileSync(secret, "utf8")).toBe("PRIVATE KEY");
    expect(existsSync(join(workdir, "stolen.txt"))).toBe(false);
  }, 120_000);

  it("a workspace another user owns is refused before anything is copied or written into it", async () => {
    const outside = temp("outside");
    // As root, a folder made for another user with a link planted in it; otherwise a folder root owns.
    const asRoot = process.getuid?.() === 0;
    const workdir = asRoot ? temp("foreign") : tmpdir();
    if (asRoot) {
      symlinkSync(outside, join(workdir, "page"));
      chownSync(workdir, 65534, 65534);
    }
    const owner = asRoot ? 65534 : 0;
    const result = await runCli(["--lessons-dir", pack("links-out", "foreign-workspace"), "solve", "93", "--workdir", workdir], {
      env: dataEnv(),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`The folder ${workdir} belongs to another user (uid ${owner}), so a lesson will not work in it.`);
    expect(result.stderr).toContain("Run the lesson in a folder of your own: cd to one, or pass --workdir DIR.");
    expect(readdirSync(outside)).toEqual([]);
  }, 60_000);
});

describe("route 3: a pack's checks run commands only in containers the lesson made", () => {
  const victim = uniqueName("victim");
  const made = uniqueName("made");
  // An image of the victim's own, so that the check by image finds nobody else's container on a shared daemon.
  const image = `${uniqueName("victim-image")}:1`;
  const vars = { victim, made, image };
  const args = [
    "--lessons-dir",
    pack("checks-outside", "exec-in-learners-container"),
    ...Object.entries(vars).flatMap(([k, v]) => ["--var", `${k}=${v}`]),
  ];
  let victimId = "";

  beforeAll(async () => {
    ours.push(victim, made);
    expect((await shell(`docker image tag alpine ${image}`)).code).toBe(0);
    const started = await shell(`docker container run -d --name ${victim} ${image} sleep 600`);
    expect(started.code, started.output).toBe(0);
    victimId = started.output.trim();
  });

  afterAll(async () => {
    await shell(`docker container rm -f ${victim}`);
    await shell(`docker image rm ${image}`);
  });

  it("check before any start, solve, check and test: never an exec in the learner's older container", async () => {
    const data = dataEnv();
    const since = Math.floor(Date.now() / 1000) - 1;
    const unstarted = await runCli([...args, "check", "94", "--json"], { env: data });
    const rule = "was not made during this lesson, and a lesson pack's checks run commands only in containers the lesson made";
    const refusal = `container \`${victim}\` ${rule}`;
    expect(unstarted.stdout).toContain(refusal);

    const solved = await runCli([...args, "solve", "94"], { env: data });
    expect(flat(solved)).toContain(shown(refusal));
    const graded = JSON.parse((await runCli([...args, "check", "94", "--json"], { env: data })).stdout) as {
      steps: { checks: { kind: string; pass: boolean; actual: string }[] }[];
    };
    const checks = graded.steps[0]?.checks ?? [];
    expect(checks[0]?.pass, "the exec in the container the lesson made").toBe(true);
    expect(checks[1]?.actual).toBe(refusal);
    expect(checks[2]?.actual).toBe(`your \`${image}\` container ${victimId.slice(0, 12)} ${rule}`);
    expect(checks[3]?.actual).toBe(refusal);

    const tested = await runCli([...args, "test", "94"], { env: dataEnv() });
    expect(flat(tested)).toContain(shown(refusal));
    expect((await runCli([...args, "reset", "94", "--yes"], { env: data })).code).toBe(0);

    const until = Math.ceil(Date.now() / 1000) + 1;
    const events = await engineRequest(
      "GET",
      `/events?since=${since}&until=${until}&filters=${encodeURIComponent(JSON.stringify({ container: [victimId] }))}`,
    );
    const actions = events.text
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => (JSON.parse(line) as { Action: string }).Action);
    expect(actions.filter((a) => a.startsWith("exec_"))).toEqual([]);
    const changes = await engineJson<{ Path: string }[] | null>(`/containers/${victimId}/changes`);
    expect((changes ?? []).map((c) => c.Path).filter((p) => p.startsWith("/pwned"))).toEqual([]);
  }, 240_000);
});

describe("route 8: a pack's http and registry checks ask only the loopback, on the lesson's own ports", () => {
  let server: Server;
  let learnerPort = 0;
  const requests: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? "");
      res.end("the learner's admin page");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    learnerPort = (server.address() as { port: number }).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it("the lesson's own page answers; cloud metadata, another address and the learner's own service are never asked", async () => {
    const web = uniqueName("reach-web");
    ours.push(web);
    const port = await freePort();
    const args = ["--lessons-dir", pack("reach-outside", "metadata-and-learner-ports"), "--var", `web=${web}`, "--var", `port=${port}`];
    const data = dataEnv();
    const solved = await runCli([...args, "--var", `learner=${learnerPort}`, "solve", "95"], { env: data });
    expect(solved.code, both(solved)).toBe(1);
    const graded = JSON.parse(
      (await runCli([...args, "--var", `learner=${learnerPort}`, "check", "95", "--json"], { env: data })).stdout,
    ) as {
      steps: { checks: { kind: string; pass: boolean; actual: string }[] }[];
    };
    const actual = (graded.steps[0]?.checks ?? []).map((c) => c.actual);
    const rule = "a lesson pack's checks may ask only the loopback, on a port the lesson's own containers publish, and";
    expect(graded.steps[0]?.checks[0]?.pass, actual[0]).toBe(true);
    expect(actual.slice(1)).toEqual([
      `${rule} http://169.254.169.254/latest/meta-data/iam/security-credentials/ is not on the loopback`,
      `${rule} no container or service of this lesson publishes port ${learnerPort}`,
      `${rule} http://192.0.2.1:${port}/ is not on the loopback`,
      `${rule} http://169.254.169.254:80/v2/latest/meta-data/tags/list is not on the loopback`,
    ]);
    expect(requests).toEqual([]);
    expect((await runCli([...args, "reset", "95", "--yes"], { env: data })).code).toBe(0);
  }, 120_000);
});

describe("route 5: what containers and pages print reaches the terminal as text", () => {
  it("a title with an escape sequence is refused at load at its line and column, and the escape is not echoed", async () => {
    const dir = pack("terminal-escapes", "escape-in-title");
    const result = await runCli(["validate", dir]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      `${join(dir, "98-escape-title.yaml")}:12:12: a control character (such as ESC) in a text: the tutor would send it to the learner's terminal — remove it; lesson texts are plain Markdown`,
    );
    expect(CONTROL.test(both(result))).toBe(false);
  });

  it("solve, check and test of a pack whose containers print escape sequences print none", async () => {
    const noisy = uniqueName("noisy");
    const web = uniqueName("esc-web");
    ours.push(noisy, web);
    const port = await freePort();
    const dir = pack("terminal-escapes", "container-and-page-output");
    const args = ["--lessons-dir", dir, "--var", `noisy=${noisy}`, "--var", `web=${web}`, "--var", `port=${port}`];
    const data = dataEnv();
    const workdir = temp("work");
    const solved = await runCli([...args, "solve", "97", "--workdir", workdir], { env: data });
    // What the escapes leave behind shows the output was there, and got through as text only.
    expect(solved.stdout).toContain("]52;c;ZXZpbA==]2;pwnedthe real command[2Ka harmless one");
    const checked = await runCli([...args, "check", "97"], { env: data });
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain("]2;pwned");
    const tested = await runCli(["--lessons-dir", dir, "test", "97"], { env: dataEnv() });
    expect(tested.code).toBe(1);
    for (const [what, result] of [
      ["solve", solved],
      ["check", checked],
      ["test", tested],
    ] as const) {
      const control = CONTROL.exec(both(result));
      expect(control, `${what} printed ${JSON.stringify(control?.[0])} in:\n${both(result)}`).toBeNull();
    }
    expect((await runCli([...args, "reset", "97", "--yes"], { env: data })).code).toBe(0);
  }, 240_000);
});
