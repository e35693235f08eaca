import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mustShell, shell } from "../helpers/docker-cli.js";
import { engineJson, pullImage, requireDaemon, uniqueName } from "../helpers/engine-api.js";
import { runSolution, startHeadlessLesson } from "../helpers/lesson-harness.js";
import { runCli } from "../helpers/run-cli.js";

/** Foreign things, made before the lesson, named like nothing the lesson declares; reset must keep them all. */
const foreign = {
  container: uniqueName("foreign-c"),
  tag: `${uniqueName("foreign")}/alpine:kept`,
  network: uniqueName("foreign-net"),
  volume: uniqueName("foreign-vol"),
};

async function daemonState() {
  const [containers, images, networks, volumes] = await Promise.all([
    engineJson<{ Id: string }[]>("/containers/json?all=true"),
    engineJson<{ Id: string; RepoTags: string[] | null }[]>("/images/json"),
    engineJson<{ Id: string }[]>("/networks"),
    engineJson<{ Volumes: { Name: string }[] | null }>("/volumes"),
  ]);
  return {
    containers: containers.map((c) => c.Id).sort(),
    images: images.flatMap((i) => (i.RepoTags ?? []).map((t) => `${t}@${i.Id}`)).sort(),
    networks: networks.map((n) => n.Id).sort(),
    volumes: (volumes.Volumes ?? []).map((v) => v.Name).sort(),
  };
}

beforeAll(async () => {
  await requireDaemon();
  await pullImage("alpine:latest");
  await mustShell(`docker container create --name ${foreign.container} alpine true`);
  await mustShell(`docker image tag alpine ${foreign.tag}`);
  await mustShell(`docker network create ${foreign.network}`);
  await mustShell(`docker volume create ${foreign.volume}`);
  await mustShell(`docker container run --rm -v ${foreign.volume}:/data alpine sh -c 'echo keep-me > /data/note'`);
});

afterAll(async () => {
  await shell(`docker container rm -f ${foreign.container}`);
  await shell(`docker image rm ${foreign.tag}`);
  await shell(`docker network rm ${foreign.network}`);
  await shell(`docker volume rm ${foreign.volume}`);
});

describe("reset 1 after a full run", () => {
  it("leaves exactly the pre-lesson containers, images, networks and volumes, foreign ones intact", async () => {
    const before = await daemonState();
    const shellName = uniqueName("shell");
    const h = await startHeadlessLesson(1, { shell: shellName });
    // Typed while the lesson runs: what it makes is recorded as the lesson's (the last look is at its end).
    for (const step of h.entry.lesson.steps) await runSolution(step);
    // made during the lesson from alpine, a lesson image, but with a name of the learner's own
    const mine = uniqueName("mine");
    await mustShell(`docker container run -d --name ${mine} alpine sleep 300`);
    await h.session.close();
    const during = await daemonState();
    expect(during.containers.length).toBeGreaterThan(before.containers.length + 1);

    const result = await runCli(["--var", `shell=${shellName}`, "reset", "1", "--yes"], { env: { DOCKER_TUTOR_DATA_DIR: h.dataDir } });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/This removes what the lesson made, and nothing else:/);
    expect(result.stdout).toContain(`container ${shellName} (alpine)`);
    expect(result.stdout).toMatch(/✔ Lesson 1 \(hello-world\) reset: \d+ removed, progress cleared\./);
    expect(result.stdout).not.toContain(mine);
    expect((await engineJson<{ State: { Status: string } }>(`/containers/${mine}/json`)).State.Status).toBe("running");
    await mustShell(`docker container rm -f ${mine}`);

    expect(await daemonState()).toEqual(before);
    const note = await mustShell(`docker container run --rm -v ${foreign.volume}:/data:ro alpine cat /data/note`);
    expect(note.trim()).toBe("keep-me");
    const kept = await engineJson<{ Name: string; State: { Status: string } }>(`/containers/${foreign.container}/json`);
    expect(kept.State.Status).toBe("created");
    expect(h.progress.lesson("hello-world")).toBeUndefined();
  }, 120_000);

  it("without --yes and no terminal, removes nothing and says how to confirm", async () => {
    const h = await startHeadlessLesson(1, { shell: uniqueName("shell") });
    await mustShell("docker container run hello-world");
    await h.session.close();
    const result = await runCli(["reset", "1"], { env: { DOCKER_TUTOR_DATA_DIR: h.dataDir } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Run it again with --yes/);
    expect(h.progress.lesson("hello-world")?.snapshot).toBeDefined();
    await h.removeContainersMade();
  });
});
