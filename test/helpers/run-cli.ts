import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The command a learner runs: the bin, which checks Node and runs the bundle in dist/. */
export const CLI = fileURLToPath(new URL("../../bin/docker-tutor.js", import.meta.url));

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The developer's own Docker settings must not leak into a test: each run starts from an empty config dir. */
const DOCKER_ENV_KEYS = ["DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_TLS_VERIFY", "DOCKER_TLS", "DOCKER_CERT_PATH"];

/** Runs the built CLI as a user would, with no TTY; `prefix` wraps it (e.g. setpriv). */
export function runCli(
  args: readonly string[],
  options: { env?: Record<string, string | undefined>; prefix?: readonly string[] } = {},
): Promise<CliResult> {
  return startCli(args, options).done;
}

/** A CLI run still going: read its output as it comes, signal it, wait for it to end. */
export interface RunningCli {
  readonly child: ChildProcess;
  readonly output: () => string;
  /** Resolves once the combined output matches, or rejects after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  readonly done: Promise<CliResult>;
}

export function startCli(
  args: readonly string[],
  options: { env?: Record<string, string | undefined>; prefix?: readonly string[] } = {},
): RunningCli {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: "1" };
  for (const key of DOCKER_ENV_KEYS) delete env[key];
  env.DOCKER_CONFIG = mkdtempSync(join(tmpdir(), "dtt-config-"));
  Object.assign(env, options.env);
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const [command, ...rest] = [...(options.prefix ?? []), process.execPath, CLI, ...args];
  const child = spawn(command as string, rest, { env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  let both = "";
  const watchers = new Set<() => void>();
  child.stdout?.on("data", (c: Buffer) => {
    stdout += c.toString();
    both += c.toString();
    for (const w of watchers) w();
  });
  child.stderr?.on("data", (c: Buffer) => {
    stderr += c.toString();
    both += c.toString();
    for (const w of watchers) w();
  });
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
  const waitFor = (pattern: RegExp, timeoutMs = 30_000) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        watchers.delete(check);
        reject(new Error(`no ${pattern} in the output within ${timeoutMs} ms:\n${both}`));
      }, timeoutMs);
      const check = () => {
        if (!pattern.test(both)) return;
        clearTimeout(timer);
        watchers.delete(check);
        resolve();
      };
      watchers.add(check);
      check();
    });
  return { child, output: () => both, waitFor, done };
}
