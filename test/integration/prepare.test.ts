import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mustShell, shell } from "../helpers/docker-cli.js";
import { engineJson, requireDaemon, uniqueName } from "../helpers/engine-api.js";
import { runCli } from "../helpers/run-cli.js";

/**
 * `prepare` pulls what a lesson declares through the real pull path: an image made for this test
 * is pushed into the daemon's registry mirror under library/<name>, removed locally, and must come
 * back through a plain pull of `<name>`.
 */
const name = uniqueName("prep");
const missing = uniqueName("prep-missing");
const pack = mkdtempSync(join(tmpdir(), "dtt-prepare-"));

const lessonNeeding = (number: number, images: string[]) => `format: 1
id: prep-${number}
number: ${number}
slug: prep-${number}
title: Prepare ${number}
summary: needs images
minutes: 1
requires:
  images: [${images.join(", ")}]
steps:
  - id: a
    title: a
    text: a
    checks: [{ kind: image, ref: alpine }]
`;

beforeAll(async () => {
  await requireDaemon();
  const info = await engineJson<{ RegistryConfig?: { Mirrors?: string[] } }>("/info");
  const mirror = (info.RegistryConfig?.Mirrors ?? [])[0]?.replace(/^https?:\/\//, "").replace(/\/$/, "");
  expect(mirror, "the daemon needs a registry mirror (scripts/docker-sandbox.sh sets one up)").toBeTruthy();
  await mustShell("docker pull -q alpine >/dev/null");
  await mustShell(
    `printf 'FROM alpine\\nRUN echo ${name} > /id\\n' | docker build -q -t ${mirror}/library/${name} - >/dev/null && docker push -q ${mirror}/library/${name} >/dev/null && docker rmi ${mirror}/library/${name} >/dev/null`,
  );
  writeFileSync(join(pack, "41-prep.yaml"), lessonNeeding(41, [name, "alpine"]));
  writeFileSync(join(pack, "42-prep.yaml"), lessonNeeding(42, [missing]));
}, 120_000);

afterAll(async () => {
  await shell(`docker rmi ${name} >/dev/null 2>&1; true`);
  rmSync(pack, { recursive: true, force: true });
});

describe("docker-tutor prepare", () => {
  it("pulls what the lesson needs and is missing, skips what is here, then says the lessons run offline", async () => {
    const first = await runCli(["--lessons-dir", pack, "prepare", "41"]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`Pulling ${name}:latest (lesson 41)`);
    expect(first.stdout).toMatch(/: Pull complete$/m);
    expect(first.stdout).toContain(`Status: Downloaded newer image for ${name}:latest`);
    expect(first.stdout).toContain("alpine:latest (lesson 41) is already here");
    expect(first.stdout).toContain("2 images ready: the lessons now run without a network.");
    expect((await shell(`docker image inspect -f '{{.Id}}' ${name}`)).code).toBe(0);

    const again = await runCli(["--lessons-dir", pack, "prepare", "41"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`${name}:latest (lesson 41) is already here`);
    expect(again.stdout).not.toContain("Pulling");
  }, 120_000);

  it("an image no registry has fails with one sentence and the fix, exit 1", async () => {
    const result = await runCli(["--lessons-dir", pack, "prepare", "42"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Could not pull ${missing}:latest, so that image is missing for the lessons.`);
    // why, asked of the registry (the mirror answers for it here), and the fix for that reason
    expect(result.stderr).toContain(`${missing}:latest: the registry has no image of that name, or it is private (`);
    expect(result.stderr).toContain("→ Check the image's name in the lesson's requires.images");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);
});
