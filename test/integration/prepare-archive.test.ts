import { mkdtempSync, rmSync, statSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_BUT_SYS_RESOURCE } from "../../src/env/playground-plan.js";
import { mustShell, shell } from "../helpers/docker-cli.js";
import { engineRequest, pullImage, requireDaemon, uniqueName } from "../helpers/engine-api.js";
import { runCli } from "../helpers/run-cli.js";

/**
 * The classroom without a registry (issue 18): `prepare --save` on the Engine 28 daemon at
 * /var/run/docker.sock (containerd image store), `prepare --load` into another daemon that has
 * none of the images and no way to pull (a Docker-in-Docker container with no network at all, its
 * socket in a folder shared with this machine), and lesson 1 then passes there.
 */
const dind = uniqueName("archive-dind");
const work = mkdtempSync(join(tmpdir(), "dtt-archive-"));
const socketDir = join(work, "run");
const archive = join(work, "lesson-1.tar");
const innerHost = `unix://${join(socketDir, "docker.sock")}`;
const inner = { DOCKER_HOST: innerHost, DOCKER_TUTOR_DATA_DIR: mkdtempSync(join(tmpdir(), "dtt-archive-data-")) };

/** A request to the inner daemon's Engine API, apart from the tutor. */
function innerRequest(method: string, path: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: join(socketDir, "docker.sock"), method, path }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end();
  });
}

const innerTags = async (): Promise<string[]> =>
  (JSON.parse((await innerRequest("GET", "/images/json")).text) as { RepoTags: string[] | null }[]).flatMap((i) => i.RepoTags ?? []);

beforeAll(async () => {
  await requireDaemon();
  await pullImage("docker:dind");
  await mustShell(`mkdir -p ${socketDir}`);
  // Not --privileged: this machine cannot grant CAP_SYS_RESOURCE (facts.md, Docker-in-Docker nodes).
  const created = await engineRequest("POST", `/containers/create?name=${dind}`, {
    Image: "docker:dind",
    // Flags only: docker:dind's entrypoint adds them to its own (a unix socket, plain TCP with no network to serve).
    Cmd: ["--host=unix:///run/dtt/docker.sock"],
    Env: ["DOCKER_TLS_CERTDIR="],
    Labels: { "docker-tutor.test": "prepare-archive" },
    HostConfig: {
      NetworkMode: "none",
      CapAdd: ALL_BUT_SYS_RESOURCE,
      SecurityOpt: ["seccomp=unconfined", "apparmor=unconfined"],
      MaskedPaths: [],
      ReadonlyPaths: [],
      Binds: [`${socketDir}:/run/dtt`, "/sys/fs/cgroup:/sys/fs/cgroup"],
      Mounts: [{ Type: "volume", Target: "/var/lib/docker" }],
    },
  });
  expect(created.status, created.text).toBe(201);
  const started = await engineRequest("POST", `/containers/${dind}/start`);
  expect(started.status, started.text).toBe(204);
  const deadline = Date.now() + 90_000;
  for (;;) {
    const ping = await innerRequest("GET", "/_ping").catch(() => undefined);
    if (ping?.status === 200) break;
    if (Date.now() > deadline)
      throw new Error(`the daemon in ${dind} did not answer: ${(await shell(`docker logs --tail 20 ${dind}`)).output}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}, 180_000);

afterAll(async () => {
  await engineRequest("DELETE", `/containers/${dind}?force=true&v=true`);
  rmSync(work, { recursive: true, force: true });
  rmSync(inner.DOCKER_TUTOR_DATA_DIR, { recursive: true, force: true });
}, 60_000);

describe("an archive of lesson 1's images, carried to a daemon with no registry", () => {
  it("prepare --save writes hello-world and alpine into one docker-save archive, a line per image", async () => {
    const saved = await runCli(["prepare", "--save", archive, "1"]);
    expect(saved.code, saved.stdout + saved.stderr).toBe(0);
    expect(saved.stdout).toContain(`Saving 2 images to ${archive}`);
    expect(saved.stdout).toMatch(/^ {2}hello-world:latest \S+B \(lesson 1\)$/m);
    expect(saved.stdout).toMatch(/^ {2}alpine:latest \S+B \(lesson 1\)$/m);
    expect(saved.stdout).toMatch(new RegExp(`✔ Saved 2 images to ${archive} \\(\\S+B\\)\\. .*prepare --load ${archive} 1`));
    expect(statSync(archive).size).toBeGreaterThan(1000);
    // the format docker save writes: a manifest naming both
    const manifest = await mustShell(`tar -xOf ${archive} manifest.json`);
    expect(manifest).toContain("hello-world:latest");
    expect(manifest).toContain("alpine:latest");
  }, 120_000);

  it("the other daemon has neither image and cannot pull one", async () => {
    expect(await innerTags()).toEqual([]);
    const pull = await innerRequest("POST", "/images/create?fromImage=busybox&tag=latest");
    expect(pull.status === 200 ? pull.text : `${pull.status} ${pull.text}`).toMatch(/error|dial|lookup|network/i);
  }, 60_000);

  it("prepare --load loads them there, says what it added, and what was already here the second time", async () => {
    const loaded = await runCli(["prepare", "--load", archive, "1"], { env: inner });
    expect(loaded.code, loaded.stdout + loaded.stderr).toBe(0);
    expect(loaded.stdout).toMatch(new RegExp(`^Loading ${archive} \\(\\S+B\\)$`, "m"));
    expect(loaded.stdout).toContain("✔ hello-world:latest added");
    expect(loaded.stdout).toContain("✔ alpine:latest added");
    expect(loaded.stdout).toContain(`✔ Loaded ${archive}: 2 images, 2 added, 0 already here.`);
    expect(loaded.stdout).toContain("Every image the chosen lessons need is here: they now run without a network.");
    expect((await innerTags()).sort()).toEqual(["alpine:latest", "hello-world:latest"]);

    const again = await runCli(["prepare", "--load", archive, "1"], { env: inner });
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toContain("✔ alpine:latest was already here");
    expect(again.stdout).toContain(`✔ Loaded ${archive}: 2 images, 0 added, 2 already here.`);
  }, 120_000);

  it("lesson 1 passes there, offline: docker-tutor test 1", async () => {
    const run = await runCli(["test", "1"], { env: inner });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/\b\d+ passed, 0 failed/);
    expect(run.stdout).not.toMatch(/^not ok/m);
  }, 180_000);
});
