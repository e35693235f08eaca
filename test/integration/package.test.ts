import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireDaemon } from "../helpers/engine-api.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "dtt-pack-"));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NO_COLOR: "1",
  npm_config_update_notifier: "false",
  npm_config_fund: "false",
  npm_config_audit: "false",
};
for (const key of ["DOCKER_HOST", "DOCKER_CONTEXT"]) delete env[key];

/** What a learner gets from the registry: the packed tarball, production dependencies only. */
beforeAll(() => {
  execFileSync("npm", ["pack", "--pack-destination", work], { cwd: root, env, stdio: "pipe" });
  const tarball = readdirSync(work).find((f) => f.endsWith(".tgz"));
  if (!tarball) throw new Error("npm pack made no tarball");
  writeFileSync(join(work, "package.json"), JSON.stringify({ name: "learner", private: true }));
  execFileSync("npm", ["install", "--omit=dev", "--no-package-lock", join(work, tarball)], { cwd: work, env, stdio: "pipe" });
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const npx = (...args: string[]) => spawnSync("npx", ["--no-install", "docker-tutor", ...args], { cwd: work, env, encoding: "utf8" });

describe("the packed package, installed with production dependencies only", () => {
  it("has no dev dependencies installed", () => {
    const installed = readdirSync(join(work, "node_modules"));
    expect(installed).toContain("docker-tutor");
    expect(installed).toContain("dockerode");
    expect(installed).not.toContain("vitest");
    expect(installed).not.toContain("typescript");
  });

  it("installs bin/docker-tutor.js as the command, with the bundle it runs and the licence", () => {
    const installed = join(work, "node_modules", "docker-tutor");
    const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as { bin: unknown };
    expect(manifest.bin).toEqual({ "docker-tutor": "bin/docker-tutor.js" });
    expect(readdirSync(join(installed, "bin"))).toEqual(["docker-tutor.js"]);
    expect(readdirSync(installed)).toEqual(expect.arrayContaining(["LICENSE", "dist", "lessons"]));
  });

  it("npx docker-tutor --help works", () => {
    const result = npx("--help");
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Usage: docker-tutor/);
  });

  it("ships the built-in lessons: npx docker-tutor list and validate find lesson 1", () => {
    const result = npx("list", "--json");
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)[0]).toMatchObject({ number: 1, slug: "hello-world", source: "built-in" });
    const lessons = join(work, "node_modules", "docker-tutor", "lessons");
    expect(npx("validate", lessons).status).toBe(0);
  });

  it("npx docker-tutor doctor reaches the daemon", async () => {
    await requireDaemon();
    const result = npx("doctor");
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^✔ daemon +unix:\/\/\/var\/run\/docker.sock/m);
    expect(result.stdout).toMatch(/^✔ engine +Docker Engine /m);
  });
});
