import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { requireDaemon, uniqueName } from "../helpers/engine-api.js";
import { runCli } from "../helpers/run-cli.js";

/** `solve` runs lesson 1's solutions through the interpreter: no docker CLI on the PATH at all. */
beforeAll(async () => {
  await requireDaemon();
});

describe("docker-tutor solve 1 without a docker CLI", () => {
  it("solves every step through dockerode, checks each, and reset cleans up after it", async () => {
    const noDocker = mkdtempSync(join(tmpdir(), "dtt-nodocker-"));
    expect(spawnSync("docker", ["version"], { env: { PATH: noDocker } }).error).toMatchObject({ code: "ENOENT" });
    const data = { DOCKER_TUTOR_DATA_DIR: mkdtempSync(join(tmpdir(), "dtt-data-")) };
    const shell = uniqueName("shell");
    try {
      const result = await runCli(["--var", `shell=${shell}`, "solve", "1"], { env: { ...data, PATH: noDocker } });
      expect(result.stderr).not.toMatch(/✖/);
      expect(result.code, result.stdout).toBe(0);
      expect(result.stdout).toContain("$ docker container run hello-world");
      expect(result.stdout).toContain("Hello from Docker!");
      expect(result.stdout).toMatch(/✔ Every step solved\./);
      expect(result.stdout).not.toMatch(/^ {2}✖/m);
    } finally {
      const reset = await runCli(["--var", `shell=${shell}`, "reset", "1", "--yes"], { env: data });
      expect(reset.code, reset.stderr).toBe(0);
    }
  }, 120_000);
});
