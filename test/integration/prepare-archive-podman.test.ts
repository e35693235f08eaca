import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mustShell, shell } from "../helpers/docker-cli.js";
import { requireDaemon, uniqueName } from "../helpers/engine-api.js";
import { runCli } from "../helpers/run-cli.js";
import { sideDaemonHost, sideJson, sideRequest } from "../helpers/side-daemons.js";

/**
 * `prepare --save` and `--load` between Docker (Engine 28, containerd image store) and Podman, whose
 * Docker API saves and loads a little differently (it names what it loaded on one line, fully
 * qualified). The image is a tag of alpine made for this test, named by a lesson pack of its own,
 * so nothing else on either daemon is touched.
 */
const image = `${uniqueName("archive-pod")}:1`;
const work = mkdtempSync(join(tmpdir(), "dtt-archive-podman-"));
const pack = join(work, "pack");
const fromDocker = join(work, "from-docker.tar");
const fromPodman = join(work, "from-podman.tar");
let podman: Record<string, string> = {};

const lesson = `format: 1
id: archive-podman
number: 43
slug: archive-podman
title: Archive between engines
summary: needs one image made for the test
minutes: 1
requires:
  images: [${image}]
steps:
  - id: a
    title: a
    text: a
    checks: [{ kind: image, ref: ${image} }]
`;

const podmanHas = async (): Promise<boolean> =>
  (await sideJson<{ RepoTags: string[] | null }[]>(podman.DOCKER_HOST ?? "", "/images/json")).some((i) =>
    (i.RepoTags ?? []).some((tag) => tag.endsWith(`/${image}`) || tag === image),
  );
const removeFromPodman = () => sideRequest(podman.DOCKER_HOST ?? "", "DELETE", `/images/${encodeURIComponent(image)}?force=true`);

beforeAll(async () => {
  podman = { DOCKER_HOST: sideDaemonHost("podman"), DOCKER_TUTOR_DATA_DIR: join(work, "data") };
  await requireDaemon();
  await mustShell(`mkdir -p ${pack} && docker pull -q alpine >/dev/null && docker tag alpine ${image}`);
  writeFileSync(join(pack, "43-archive-podman.yaml"), lesson);
}, 120_000);

afterAll(async () => {
  await shell(`docker rmi ${image} >/dev/null 2>&1; true`);
  if (podman.DOCKER_HOST) await removeFromPodman().catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
}, 60_000);

describe("an archive between Docker and Podman", () => {
  it("saved by Docker, loaded by Podman: the image is added there under docker's name for it", async () => {
    const saved = await runCli(["--lessons-dir", pack, "prepare", "--save", fromDocker, "43"]);
    expect(saved.code, saved.stdout + saved.stderr).toBe(0);
    expect(saved.stdout).toContain(`✔ Saved 1 image to ${fromDocker}`);
    expect(await podmanHas()).toBe(false);

    const loaded = await runCli(["--lessons-dir", pack, "prepare", "--load", fromDocker, "43"], { env: podman });
    expect(loaded.code, loaded.stdout + loaded.stderr).toBe(0);
    expect(loaded.stdout).toContain(`✔ ${image} added`);
    expect(loaded.stdout).toContain("Every image the chosen lessons need is here");
    expect(await podmanHas()).toBe(true);
  }, 120_000);

  it("saved by Podman, loaded by Docker and by Podman again (the round trip): each says it added it", async () => {
    const saved = await runCli(["--lessons-dir", pack, "prepare", "--save", fromPodman, "43"], { env: podman });
    expect(saved.code, saved.stdout + saved.stderr).toBe(0);
    expect(saved.stdout).toContain(`✔ Saved 1 image to ${fromPodman}`);

    await mustShell(`docker rmi ${image} >/dev/null`);
    const intoDocker = await runCli(["--lessons-dir", pack, "prepare", "--load", fromPodman, "43"]);
    expect(intoDocker.code, intoDocker.stdout + intoDocker.stderr).toBe(0);
    expect(intoDocker.stdout).toContain(`✔ ${image} added`);
    expect((await shell(`docker image inspect ${image}`)).code).toBe(0);

    expect((await removeFromPodman()).status).toBe(200);
    expect(await podmanHas()).toBe(false);
    const intoPodman = await runCli(["--lessons-dir", pack, "prepare", "--load", fromPodman, "43"], { env: podman });
    expect(intoPodman.code, intoPodman.stdout + intoPodman.stderr).toBe(0);
    expect(intoPodman.stdout).toContain(`✔ ${image} added`);
    expect(await podmanHas()).toBe(true);
  }, 180_000);
});
