/**
 * Fuzz test of the command-line parser: the built CLI run with random argv, as a learner runs it.
 * Each case spawns `node bin/docker-tutor.js` with no TTY, its own temp data, home and working folders, and
 * DOCKER_HOST pointing at a socket that does not exist, so that nothing reaches a Docker daemon.
 * Whatever the argv, the CLI must end with a documented exit code and say why when it fails:
 * one message, no stack trace, never the "did not expect" wording of an unhandled error.
 * A fixed seed keeps CI reproducible; the argv of a failing case is in the assertion message.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { CLI } from "../helpers/run-cli.js";

const SEED = 20_260_101;
const CASES = 40;
const PARALLEL = 6;
/** A hang guard: every case ends in well under a second; only a hang gets near this. */
const HANG_MS = 20_000;

const root = mkdtempSync(join(tmpdir(), "dtt-fuzz-cli-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// A lesson pack with one broken file, for --lessons-dir and validate to read.
mkdirSync(join(root, "pack"));
writeFileSync(join(root, "pack", "01-broken.yaml"), "format: 1\nid: broken\nsteps:\n  - id: [unclosed\n");

const COMMANDS = ["list", "lesson", "prepare", "test", "check", "hint", "reset", "solve", "explain", "validate", "doctor", "help"];
const OPTIONS = [
  ...["--json", "--step", "--junit", "--report", "--workdir", "--twice", "--bail", "--keep", "--run", "--interpreter", "-H", "--host"],
  ...["--context", "--lessons-dir", "--var", "--no-color", "-y", "--yes", "-v", "--version", "-h", "--help", "--frob", "-", "--", "-Z"],
  ...["--step=2", "--var=port=8081", "--json=false", "-Hx", "-yv"],
];
/** Values that mean something to some option; every host is unreachable at once (no ssh, no real address). */
const VALUES = [
  ...["1", "2", "5", "99", "0", "-1", "1.5", "hello-world", "images", "nope", "", " ", "é🐳", "./nope", "../pack", "out.xml", "r.md"],
  ...["docker run alpine", "docker ps | wc", "docker image pull alpine", "docker run 'x", "port=8081", "=", "x=", "tcp://", "ssh://"],
  ...["tcp://127.0.0.1:1", "unix:///nonexistent.sock", "npipe:////./pipe/nope", "http://x", "default", "frobnicate"],
];
const PACK = join(root, "pack");
const FILES = [PACK, join(PACK, "01-broken.yaml")];

/** Random words, kept inside the sandbox: no NUL (spawn refuses it), no absolute or `..` paths, no `--verbose`. */
const randomWord = fc
  .string({ maxLength: 8 })
  .filter((w) => !w.includes("\0") && !w.includes("..") && !/^[/~]/.test(w) && w !== "--verbose");

const word = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...VALUES) },
  { weight: 1, arbitrary: fc.constantFrom(...FILES) },
  { weight: 1, arbitrary: fc.constantFrom(...COMMANDS) },
  { weight: 1, arbitrary: randomWord },
);

/** An optional command, then options (most with a value) and words, as a user types them, shuffled a little. */
const argv: fc.Arbitrary<string[]> = fc
  .tuple(
    fc.option(fc.constantFrom(...COMMANDS), { freq: 6 }),
    fc.array(
      fc.oneof(
        fc.tuple(fc.constantFrom(...OPTIONS), word).map((pair) => [...pair]),
        fc.constantFrom(...OPTIONS).map((option) => [option]),
        word.map((w) => [w]),
      ),
      { maxLength: 4 },
    ),
  )
  .map(([command, groups]) => [...(command === null ? [] : [command]), ...groups.flat()]);

interface Run {
  readonly args: readonly string[];
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
  readonly ms: number;
}

function runSandboxed(args: readonly string[], index: number): Promise<Run> {
  const dir = join(root, `case-${index}`);
  for (const sub of ["home", "data", "docker-config", "work"]) mkdirSync(join(dir, sub), { recursive: true });
  const env = {
    PATH: process.env.PATH ?? "",
    NO_COLOR: "1",
    HOME: join(dir, "home"),
    XDG_DATA_HOME: join(dir, "home", ".local", "share"),
    XDG_CONFIG_HOME: join(dir, "home", ".config"),
    DOCKER_TUTOR_DATA_DIR: join(dir, "data"),
    DOCKER_CONFIG: join(dir, "docker-config"),
    DOCKER_HOST: "unix:///nonexistent.sock",
  };
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [CLI, ...args], {
      cwd: join(dir, "work"),
      env,
      stdio: ["ignore", "ignore", "pipe"],
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), HANG_MS);
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ args, code, signal, stderr, ms: performance.now() - start });
    });
  });
}

async function runAll(cases: readonly string[][]): Promise<Run[]> {
  const runs: Run[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < cases.length; i = next++) runs[i] = await runSandboxed(cases[i] ?? [], i);
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return runs;
}

describe("the CLI's argument parser on random argv", () => {
  it(`${CASES} random command lines each end with exit 0–3 and, on failure, one clear message`, async () => {
    const runs = await runAll(fc.sample(argv, { seed: SEED, numRuns: CASES }));
    for (const run of runs) {
      const what = `docker-tutor ${JSON.stringify(run.args)} → exit ${run.code}${run.signal ? ` (${run.signal})` : ""}\n${run.stderr}`;
      expect(run.signal, `killed after ${HANG_MS} ms: ${what}`).toBeNull();
      expect([0, 1, 2, 3], what).toContain(run.code);
      if (run.code !== 0) expect(run.stderr.trim(), what).not.toBe("");
      expect(run.stderr, what).not.toMatch(/^ {4}at /m);
      expect(run.stderr, what).not.toContain("did not expect");
    }
    if (process.env.FUZZ_TIMINGS) {
      const codes = runs.map((r) => r.code).join(" ");
      console.info(`exit codes: ${codes}; slowest case: ${Math.max(...runs.map((r) => r.ms)).toFixed(0)} ms`);
    }
  });
});
