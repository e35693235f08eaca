import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mustShell, shell } from "../helpers/docker-cli.js";
import { engineJson, engineRequest, pullImage, requireDaemon, uniqueName } from "../helpers/engine-api.js";
import { runCli } from "../helpers/run-cli.js";

/**
 * Issue 17, routes 6 and 7, against the real daemon: reset removes only what the lesson was seen
 * making (never a namesake made later, with its data, nor a container labelled for the lesson that
 * was there before), and `test` of a pack on nodes never touches the learner's own playground.
 */
const fixture = (route: string, pack: string) => fileURLToPath(new URL(`../fixtures/hostile-packs/${route}/${pack}`, import.meta.url));
const NAMESAKE = fixture("ownership-by-record", "reset-takes-a-namesake");
const ON_NODES = fixture("test-playground", "test-removes-the-learners-playground");
/** C0 and C1 control characters other than newline and tab: none may reach the learner's terminal. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

const db = uniqueName("db");
const web = uniqueName("web");
const labelled = uniqueName("labelled");
const vars = ["--var", `db=${db}`, "--var", `web=${web}`];
const dataDir = () => ({ DOCKER_TUTOR_DATA_DIR: mkdtempSync(join(tmpdir(), "dtt-record-data-")) });

const state = async (name: string) =>
  (await engineRequest("GET", `/containers/${name}/json`)).status === 200
    ? (await engineJson<{ State: { Status: string } }>(`/containers/${name}/json`)).State.Status
    : "gone";
const dataVolume = async (name: string) =>
  (await engineJson<{ Mounts: { Name: string; Destination: string }[] }>(`/containers/${name}/json`)).Mounts.find(
    (m) => m.Destination === "/data",
  )?.Name ?? "";
/** The learner's own db, made after the lesson, with their data in its anonymous volume. */
const learnersDb = async () => {
  await mustShell(`docker container run -d --name ${db} -v /data alpine sh -c 'echo precious > /data/rows; sleep 300'`);
  await mustShell(`docker container exec ${db} sh -c 'until [ -s /data/rows ]; do sleep 0.1; done'`);
  return dataVolume(db);
};

beforeAll(async () => {
  await requireDaemon();
  await pullImage("alpine:latest");
}, 120_000);

afterAll(async () => {
  await shell(`docker container rm -f -v ${db} ${web} ${labelled}`);
});

describe("route 6: reset removes what the lesson was seen making, by id, and nothing matched by name later", () => {
  it("a db made after the lesson under its name, with data in a volume, survives reset, which says it left it", async () => {
    // There before the lesson, labelled as the lesson's (as an image's label would make it).
    await mustShell(`docker container create --name ${labelled} --label docker-tutor.lesson=hostile-namesake alpine true`);
    const data = dataDir();
    const solved = await runCli(["--lessons-dir", NAMESAKE, ...vars, "solve", "90"], { env: data });
    expect(solved.code, solved.stdout + solved.stderr).toBe(0);
    // A month later: the learner removed the lesson's db and made their own, with data.
    await mustShell(`docker container rm -f -v ${db}`);
    const volume = await learnersDb();
    expect(volume).not.toBe("");

    const reset = await runCli(["--lessons-dir", NAMESAKE, ...vars, "reset", "90", "--yes"], { env: data });
    expect(reset.code, reset.stderr).toBe(0);
    expect(reset.stderr).toBe("");
    expect(reset.stdout).not.toMatch(CONTROL);
    expect(reset.stdout).toContain(`This removes what the lesson made, and nothing else:\n  - container ${web} (alpine)\n`);
    expect(reset.stdout).toContain(
      `These match the lesson's names but were not made while it ran, so they are left as they are (remove any you do not want yourself):\n  - container ${db} (alpine)\n`,
    );
    expect(reset.stdout).toMatch(/Lesson 90 \(hostile-namesake\) reset: 1 removed, progress cleared\./);
    expect(await state(web)).toBe("gone");
    expect(await state(db)).toBe("running");
    expect(await state(labelled)).toBe("created");
    expect(await mustShell(`docker container run --rm -v ${volume}:/data:ro alpine cat /data/rows`)).toBe("precious\n");
  }, 120_000);

  it("a progress file from before the record removes nothing and says what it leaves", async () => {
    const data = dataDir();
    // As docker-tutor wrote it before: a snapshot, progress, and no record of what the lesson made.
    mkdirSync(data.DOCKER_TUTOR_DATA_DIR, { recursive: true });
    const snapshot = {
      takenAt: "2026-11-01T10:00:00.000Z",
      containers: [],
      images: [],
      imageTags: [],
      networks: [],
      volumes: [],
      services: [],
    };
    const steps = { "run-db": { status: "passed", at: "2026-11-01T10:05:00.000Z", hintsUsed: 0 } };
    const lesson = { startedAt: "2026-11-01T10:00:00.000Z", steps, hints: {}, snapshot };
    writeFileSync(
      join(data.DOCKER_TUTOR_DATA_DIR, "progress.json"),
      JSON.stringify({ version: 1, lessons: { "hostile-namesake": lesson } }),
    );
    await shell(`docker container rm -f -v ${db}`);
    const volume = await learnersDb();

    const reset = await runCli(["--lessons-dir", NAMESAKE, ...vars, "reset", "90", "--yes"], { env: data });
    expect(reset.code, reset.stderr).toBe(0);
    expect(reset.stdout).not.toMatch(CONTROL);
    expect(reset.stdout).not.toContain("This removes");
    expect(reset.stdout).toContain(
      `This lesson's progress is from a docker-tutor that kept no record of what a lesson makes, so nothing of it is removed; these match its names and are left (remove any you do not want yourself):\n  - container ${db} (alpine)\n`,
    );
    expect(reset.stdout).toMatch(/Lesson 90 \(hostile-namesake\) reset: 0 removed, progress cleared\./);
    expect(await state(db)).toBe("running");
    expect(await mustShell(`docker container run --rm -v ${volume}:/data:ro alpine cat /data/rows`)).toBe("precious\n");
  }, 120_000);
});

describe("route 7: test runs on a playground of its own", () => {
  // Short enough that the run's own name (this, a dash and the run's suffix) is still recognisably it.
  const pg = uniqueName("pg").slice(0, 24);
  const filter = (label: string) => encodeURIComponent(JSON.stringify({ label: [label] }));
  const containersLabelled = (label: string) =>
    engineJson<{ Id: string; State: string; Labels: Record<string, string> }[]>(`/containers/json?all=true&filters=${filter(label)}`);
  const volumesLabelled = async (label: string) =>
    ((await engineJson<{ Volumes: { Name: string }[] | null }>(`/volumes?filters=${filter(label)}`)).Volumes ?? []).map((v) => v.Name);

  beforeAll(async () => {
    await mustShell("docker pull -q docker:dind");
  }, 120_000);

  afterAll(async () => {
    await runCli(["env", "down", "--name", pg]);
  }, 120_000);

  it("the learner's own playground survives `test` of a pack on it: the run brings up and removes only its own", async () => {
    const up = await runCli(["env", "up", "--nodes", "1", "--name", pg]);
    expect(up.code, up.stdout + up.stderr).toBe(0);
    const nodes = await containersLabelled(`docker-tutor.env=${pg}`);
    const volumes = await volumesLabelled(`docker-tutor.env=${pg}`);
    expect(nodes).toHaveLength(1);
    expect(volumes).toHaveLength(1);

    const tested = await runCli(["--lessons-dir", ON_NODES, "--var", `pg=${pg}`, "test", "91"], { env: dataDir() });
    expect(tested.stdout).not.toMatch(CONTROL);
    expect(tested.code, tested.stdout + tested.stderr).toBe(0);
    expect(tested.stdout).toMatch(/ok +91 hostile-on-nodes › playground .*\(1 node, /);
    expect(tested.stdout).toMatch(/ok +91 hostile-on-nodes › cleanup /);

    // The learner's node and its volume are untouched, still running.
    const after = await containersLabelled(`docker-tutor.env=${pg}`);
    expect(after.map((c) => [c.Id, c.State])).toEqual(nodes.map((c) => [c.Id, "running"]));
    expect(await volumesLabelled(`docker-tutor.env=${pg}`)).toEqual(volumes);
    // The run's own playground (the same name with its suffix) is gone, nodes and volumes.
    const everyPlayground = await containersLabelled("docker-tutor.env");
    expect(everyPlayground.filter((c) => (c.Labels["docker-tutor.env"] ?? "").startsWith(`${pg}-`))).toEqual([]);
    const everyVolume = await volumesLabelled("docker-tutor.env");
    expect(everyVolume.filter((name) => name.startsWith(`${pg}-`) && !volumes.includes(name))).toEqual([]);
  }, 300_000);
});
