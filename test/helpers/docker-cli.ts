import { spawn, spawnSync } from "node:child_process";
import { expect } from "vitest";

/** Runs a command line with the real docker CLI through sh, as a learner's shell would. */
export function shell(line: string, stdin?: string, cwd?: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.DOCKER_HOST;
    delete env.DOCKER_CONTEXT;
    const child = spawn("sh", ["-c", line], { env, cwd, stdio: ["pipe", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (c: Buffer) => {
      output += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      output += c.toString();
    });
    child.on("error", reject);
    // A command that exits without reading its stdin must not crash the run with EPIPE.
    child.stdin.on("error", () => undefined);
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
    child.stdin.end(stdin ?? "");
  });
}

export async function mustShell(line: string, stdin?: string, cwd?: string): Promise<string> {
  const result = await shell(line, stdin, cwd);
  if (result.code !== 0) throw new Error(`\`${line}\` exited ${result.code}: ${result.output}`);
  return result.output;
}

/**
 * Nothing of a lesson's names (its variables that are not numbers or addresses) is left on the
 * daemon after reset: no container, network or volume of that name, no image tagged with it.
 */
export function expectNothingNamed(vars: Readonly<Record<string, string>>): void {
  for (const name of Object.values(vars).filter((v) => !/^[\d.]+$/.test(v))) {
    const left = spawnSync("sh", [
      "-c",
      `docker ps -aq --filter name=^${name}$; docker network ls -q --filter name=^${name}$; docker volume ls -q --filter name=^${name}$; docker images -q --filter reference=${name} --filter reference=${name}/*`,
    ]);
    expect(left.stdout.toString().trim(), `${name} is gone after reset`).toBe("");
  }
}
