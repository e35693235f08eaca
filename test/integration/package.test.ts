import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineRequest, requireDaemon, uniqueName } from "../helpers/engine-api.js";
import { startFakeSshServer } from "../helpers/fake-ssh-server.js";
import { startTlsProxy } from "../helpers/tls-proxy.js";
import { openTerminal } from "../helpers/tmux.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const buildKitPack = join(root, "test", "fixtures", "buildkit-pack");
const work = mkdtempSync(join(tmpdir(), "dtt-pack-"));
const installed = join(work, "node_modules", "docker-tutor");
const dataDir = join(work, "data");
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NO_COLOR: "1",
  npm_config_update_notifier: "false",
  npm_config_fund: "false",
  npm_config_audit: "false",
  DOCKER_TUTOR_DATA_DIR: dataDir,
  DOCKER_CONFIG: join(work, "docker-config"),
};
for (const key of ["DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH", "DOCKER_BUILDKIT"]) delete env[key];
let installOutput = "";

/** What a learner gets from the registry: the packed tarball, production dependencies only, an empty npm cache. */
beforeAll(() => {
  // Packed from a copy of the checkout: `npm pack` builds dist/ again (prepack), and the checkout's
  // own dist/ is in use by the tests that run beside this one (CI runs streams at once).
  const checkout = join(work, "checkout");
  const skipped = new Set(["node_modules", ".git", "dist", ".ci-results", "docker-tutor-labs"]);
  cpSync(root, checkout, { recursive: true, filter: (from) => !skipped.has(relative(root, from).split(sep)[0] ?? "") });
  symlinkSync(join(root, "node_modules"), join(checkout, "node_modules"));
  execFileSync("npm", ["pack", "--pack-destination", work], { cwd: checkout, env, stdio: "pipe" });
  const tarball = readdirSync(work).find((f) => f.endsWith(".tgz"));
  if (!tarball) throw new Error("npm pack made no tarball");
  writeFileSync(join(work, "package.json"), JSON.stringify({ name: "learner", private: true }));
  const cache = join(work, "npm-cache");
  const install = ["install", "--omit=dev", "--no-package-lock", "--cache", cache, join(work, tarball)];
  // npm writes its warnings to stderr; 2>&1 keeps them with the rest, in order.
  installOutput = execFileSync("sh", ["-c", 'npm "$@" 2>&1', "npm", ...install], { cwd: work, env, encoding: "utf8" });
  mkdirSync(dataDir);
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `npx docker-tutor …` in the learner's folder; asynchronous, so servers in this process keep answering. */
function npx(args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<Run> {
  const child = spawn("npx", ["--no-install", "docker-tutor", ...args], { cwd: work, env: { ...env, ...extraEnv } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c));
  child.stderr.on("data", (c: Buffer) => (stderr += c));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** Every module specifier the bundle loads that is neither Node's own nor one of its own files. */
function outsideModules(): string[] {
  const dist = join(installed, "dist");
  const files = ["cli.js", ...readdirSync(join(dist, "chunks")).map((f) => join("chunks", f))];
  const names = new Set<string>();
  // A static import ends its statement after the specifier; a call closes its parenthesis. Text that
  // merely holds the word (a table's `["from", …]`) matches neither.
  const loads = /(?:\bfrom\s*|\bimport\s*)["']([^"'\n]+)["'];|\b(?:import|require|__require)\(\s*["']([^"'\n]+)["']\s*\)/g;
  for (const file of files) {
    for (const [, statement, call] of readFileSync(join(dist, file), "utf8").matchAll(loads)) names.add(statement ?? call ?? "");
  }
  const builtin = (name: string) => builtinModules.includes(name.replace(/^node:/, ""));
  return [...names].filter((name) => !name.startsWith(".") && !builtin(name)).sort();
}

describe("the packed package, installed with production dependencies only", () => {
  it("installs as one package, with no install script, nothing to compile and no warning", () => {
    expect(readdirSync(join(work, "node_modules")).filter((f) => !f.startsWith("."))).toEqual(["docker-tutor"]);
    const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as Record<string, Record<string, string>>;
    for (const field of ["dependencies", "optionalDependencies", "peerDependencies"]) expect(manifest[field] ?? {}, field).toEqual({});
    const runAtInstall = ["preinstall", "install", "postinstall", "prepare"];
    expect(Object.keys(manifest.scripts ?? {}).filter((s) => runAtInstall.includes(s))).toEqual([]);
    expect(existsSync(join(installed, "binding.gyp"))).toBe(false);
    expect(installOutput).toMatch(/added 1 package/);
    expect(installOutput).not.toMatch(/warn/i);
  });

  it("installs bin/docker-tutor.js as the command, with the bundle it runs, the lessons and the licences", () => {
    const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as { bin: unknown };
    expect(manifest.bin).toEqual({ "docker-tutor": "bin/docker-tutor.js" });
    expect(readdirSync(join(installed, "bin"))).toEqual(["docker-tutor.js"]);
    expect(readdirSync(installed)).toEqual(expect.arrayContaining(["LICENSE", "dist", "lessons"]));
    const licences = readFileSync(join(installed, "dist", "THIRD-PARTY-LICENSES.txt"), "utf8");
    for (const name of ["dockerode", "docker-modem", "ssh2", "zod", "@inquirer/core"]) expect(licences).toContain(`\n${name}@`);
  });

  it("its bundle loads nothing but Node's own modules and its own files", () => {
    // debug (under docker-modem) asks for supports-color inside a try and does without it.
    expect(outsideModules()).toEqual(["supports-color"]);
    const bundle = readdirSync(join(installed, "dist", "chunks")).map((f) => readFileSync(join(installed, "dist", "chunks", f), "utf8"));
    // dockerode's BuildKit session (gRPC) and protobuf decoder are never called, so never bundled.
    expect(bundle.some((text) => /@grpc\/grpc-js|protobufjs/.test(text))).toBe(false);
  });

  it("npx docker-tutor --help and --version work", async () => {
    const help = await npx(["--help"]);
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^Usage: docker-tutor/);
    const version = await npx(["--version"]);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version);
  });

  it("ships the built-in lessons: npx docker-tutor list and validate find lesson 1", async () => {
    const result = await npx(["list", "--json"]);
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)[0]).toMatchObject({ number: 1, slug: "hello-world", source: "built-in" });
    expect((await npx(["validate", join(installed, "lessons")])).status).toBe(0);
  });

  it("explain answers without a daemon", async () => {
    const explain = await npx(["explain", "docker build -t web ."]);
    expect(explain.status, explain.stderr).toBe(0);
    expect(explain.stdout).toMatch(/POST \/build\?dockerfile=Dockerfile&t=web&version=2/);
  });

  it("the interactive lesson without a terminal says which command fits, exit 2", async () => {
    const result = await npx(["lesson", "1"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/The interactive lesson needs a terminal, and this is not one\./);
  });

  it("an ssh:// host: ssh2 runs its handshake from the bundle and the failure is the tutor's one sentence, exit 3", async () => {
    const sshd = await startFakeSshServer();
    try {
      const host = `ssh://nobody@127.0.0.1:${sshd.port}`;
      const result = await npx(["check", "1"], { DOCKER_HOST: host });
      expect(sshd.clientVersion()).toMatch(/^SSH-2\.0-ssh2js/);
      expect(sshd.sawKeyExchange()).toBe(true);
      expect(result.status, result.stderr).toBe(3);
      expect(result.stderr).toContain(`✖ Nothing answers at ${host} (DOCKER_HOST)`);
      expect(result.stderr).not.toMatch(/Cannot find module|ERR_MODULE_NOT_FOUND|is left out/);
    } finally {
      await sshd.close();
    }
  });

  it("npx docker-tutor doctor reaches the daemon", async () => {
    await requireDaemon();
    const result = await npx(["doctor"]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^✔ daemon +unix:\/\/\/var\/run\/docker.sock/m);
    expect(result.stdout).toMatch(/^✔ engine +Docker Engine /m);
  });

  it("a tcp:// host with TLS (DOCKER_TLS_VERIFY, DOCKER_CERT_PATH): doctor reaches the daemon through it", async () => {
    await requireDaemon();
    const proxy = await startTlsProxy();
    try {
      const host = `tcp://127.0.0.1:${proxy.port}`;
      const result = await npx(["doctor"], { DOCKER_HOST: host, DOCKER_TLS_VERIFY: "1", DOCKER_CERT_PATH: proxy.certDir });
      expect(result.stdout, result.stderr).toMatch(new RegExp(`^✔ daemon +${host}`, "m"));
      expect(result.stdout).toMatch(/^✔ engine +Docker Engine /m);
    } finally {
      await proxy.close();
    }
  });

  it("hint gives lesson 1's first hint", async () => {
    await requireDaemon();
    const hint = await npx(["hint", "1", "1"]);
    expect(hint.status, hint.stderr).toBe(0);
    expect(hint.stdout).toMatch(/^Lesson 1, step 1: /);
    expect(hint.stdout).toMatch(/^Hint 1\/\d+: /m);
  });

  it("env ls lists the playground nodes (none made here)", async () => {
    await requireDaemon();
    const result = await npx(["env", "ls"]);
    expect(result.status, result.stderr).toBe(0);
  });

  it("in a terminal: the menu opens lesson 1, which shows its first step and quits on q", async () => {
    await requireDaemon();
    const terminal = openTerminal(
      uniqueName("pack-tty"),
      `cd ${work} && env NO_COLOR=1 DOCKER_TUTOR_DATA_DIR=${dataDir} DOCKER_CONFIG=${env.DOCKER_CONFIG} npx --no-install docker-tutor; echo "exit $?"; sleep 30`,
      { columns: 100, rows: 40 },
    );
    try {
      await terminal.waitForScreen(/Which lesson\?/);
      terminal.send("Enter");
      await terminal.waitForScreen(/step 1 of \d+/);
      terminal.send("q", "Enter");
      await terminal.waitForScreen(/^exit 0$/m);
    } finally {
      terminal.kill();
    }
  });
});

describe("a BuildKit build from the packed package (a lesson pack whose solution runs docker image build)", () => {
  const tag = `${uniqueName("pack-build").toLowerCase()}:1`;
  const pack = ["--lessons-dir", buildKitPack, "--var", `tag=${tag}`];
  const buildKit = { DOCKER_BUILDKIT: "1" };

  afterAll(async () => {
    // What reset could not remove: this run's own tag only.
    await engineRequest("DELETE", `/images/${encodeURIComponent(tag)}?force=1`);
  });

  it("prepare, solve, check, report and reset work; the image is BuildKit's and reset removes it", async () => {
    await requireDaemon();
    const prepare = await npx([...pack, "prepare", "64"]);
    expect(prepare.status, prepare.stdout + prepare.stderr).toBe(0);

    const solve = await npx([...pack, "solve", "64"], buildKit);
    expect(solve.status, solve.stdout + solve.stderr).toBe(0);
    // BuildKit's progress, decoded from the daemon's moby.buildkit.trace messages: steps numbered
    // [n/3], on stderr where buildx prints them.
    expect(solve.stderr).toMatch(/\[2\/3\] RUN echo built > \/built/);
    expect(solve.stdout + solve.stderr).not.toMatch(/Step 1\/4/);

    const check = await npx([...pack, "check", "64", "--json"]);
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ passed: 1, total: 1 });
    const checkFile = join(work, "check.json");
    writeFileSync(checkFile, check.stdout);
    const report = await npx(["report", checkFile, "--html", join(work, "report.html")]);
    expect(report.status, report.stdout + report.stderr).toBe(0);
    expect(readFileSync(join(work, "report.html"), "utf8")).toMatch(/<html/i);

    const reset = await npx([...pack, "reset", "64", "--yes"]);
    expect(reset.status, reset.stdout + reset.stderr).toBe(0);
    expect((await engineRequest("GET", `/images/${encodeURIComponent(tag)}/json`)).status).toBe(404);
  }, 120_000);

  it("docker-tutor test runs the lesson with BuildKit and passes", async () => {
    await requireDaemon();
    const result = await npx([...pack, "test", "64", "--json"], buildKit);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ failed: 0 });
  }, 120_000);
});
