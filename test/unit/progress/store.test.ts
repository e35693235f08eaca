import { chmodSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ProgressStore, progressPath } from "../../../src/progress/store.js";

const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), "dtt-progress-"));
  const warnings: string[] = [];
  return { dir, file: join(dir, "progress.json"), warnings, store: new ProgressStore(join(dir, "progress.json"), (w) => warnings.push(w)) };
};

describe("ProgressStore", () => {
  it("starts empty, saves atomically and reads back", () => {
    const { store, dir, file } = fresh();
    expect(store.load()).toEqual({ version: 1, lessons: {} });
    store.update((d) => {
      d.lessons.x = { startedAt: "t", steps: { a: { status: "passed", at: "t", hintsUsed: 1 } }, hints: {} };
    });
    expect(JSON.parse(readFileSync(file, "utf8")).lessons.x.steps.a.status).toBe("passed");
    expect(readdirSync(dir)).toEqual(["progress.json"]);
  });

  it.each([
    ["truncated JSON", '{"version": 1, "lessons": {"x": ', /not valid JSON/],
    ["a future format", '{"version": 7, "lessons": {}}', /written by a newer docker-tutor \(format 7\)/],
    ["the wrong shape", '{"version": 1, "lessons": []}', /does not have the expected shape/],
  ])("moves %s aside with a warning and starts fresh", (_name, content, reason) => {
    const { store, file, dir, warnings } = fresh();
    writeFileSync(file, content);
    expect(store.load()).toEqual({ version: 1, lessons: {} });
    expect(existsSync(file)).toBe(false);
    const aside = readdirSync(dir).find((f) => f.startsWith("progress.json.unreadable-"));
    expect(aside && readFileSync(join(dir, aside), "utf8")).toBe(content);
    expect(warnings[0]).toMatch(reason);
  });

  it.each([
    [
      "step starts and evidence",
      {
        stepStarts: { a: "2026-12-06T10:00:00.000Z" },
        evidence: { a: [{ type: "container", action: "start", actorId: "c", attributes: {}, timeMs: 1 }] },
      },
      true,
    ],
    ["a step start that is no string", { stepStarts: { a: 5 } }, false],
    [
      "a record of what it made",
      {
        made: {
          containers: [{ id: "c", name: "db", image: "postgres" }],
          networks: [],
          volumes: [{ name: "data", created: "2026-12-06T10:00:00.000Z" }, { name: "v" }],
          services: [],
          imageTags: [{ tag: "hello:v1", imageId: "sha256:1" }],
          swarmCluster: "abc",
        },
      },
      true,
    ],
    [
      "a record of a container without its id",
      { made: { containers: [{ name: "db", image: "x" }], networks: [], volumes: [], services: [], imageTags: [] } },
      false,
    ],
    ["a record without its lists", { made: { containers: [] } }, false],
    ["evidence without a time", { evidence: { a: [{ type: "container", action: "start", actorId: "c", attributes: {} }] } }, false],
    [
      "passes the tutor saw and its workspace (issue 18)",
      {
        passes: {
          a: {
            at: "2026-12-06T10:00:00.000Z",
            by: "watched",
            checks: [{ kind: "container", expected: "e", actual: "a" }],
            resources: [{ ref: "container:web", id: "c1" }, { ref: "http:http://localhost:8080/" }],
          },
        },
        workspace: "/home/me/docker-tutor-labs/bind-mounts",
      },
      true,
    ],
    ["a pass seen by nobody the tutor knows", { passes: { a: { at: "t", by: "me", checks: [], resources: [] } } }, false],
    ["a pass without its checks' words", { passes: { a: { at: "t", by: "lesson", checks: [{ kind: "x" }], resources: [] } } }, false],
    ["a workspace that is no path", { workspace: 7 }, false],
  ])("reads a lesson with %s: valid %s", (_name, extra, valid) => {
    const { store, file, warnings } = fresh();
    writeFileSync(file, JSON.stringify({ version: 1, lessons: { x: { startedAt: "t", steps: {}, hints: {}, ...extra } } }));
    expect(Object.keys(store.load().lessons)).toEqual(valid ? ["x"] : []);
    expect(warnings.length).toBe(valid ? 0 : 1);
  });

  it("writes the file 0600 in a folder it makes 0700, and narrows a folder of one's own made wider before", () => {
    const root = mkdtempSync(join(tmpdir(), "dtt-progress-"));
    const file = join(root, "data", "progress.json");
    new ProgressStore(file, () => undefined).save({ version: 1, lessons: {} });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(root, "data")).mode & 0o777).toBe(0o700);
    chmodSync(join(root, "data"), 0o755);
    new ProgressStore(file, () => undefined).save({ version: 1, lessons: {} });
    expect(statSync(join(root, "data")).mode & 0o777).toBe(0o700);
  });

  it("leaves the mode of a folder with other uses ($HOME, /tmp pointed at by DOCKER_TUTOR_DATA_DIR)", () => {
    const dir = mkdtempSync(join(tmpdir(), "dtt-progress-"));
    writeFileSync(join(dir, ".bashrc"), "mine");
    chmodSync(dir, 0o755);
    new ProgressStore(join(dir, "progress.json"), () => undefined).save({ version: 1, lessons: {} });
    expect(statSync(dir).mode & 0o777).toBe(0o755);
    expect(statSync(join(dir, "progress.json")).mode & 0o777).toBe(0o600);
  });

  it("leaves a folder someone else owns as it is", () => {
    const dir = mkdtempSync(join(tmpdir(), "dtt-progress-"));
    chmodSync(dir, 0o755);
    new ProgressStore(join(dir, "progress.json"), () => undefined, undefined, (process.getuid?.() ?? 0) + 4242).save({
      version: 1,
      lessons: {},
    });
    expect(statSync(dir).mode & 0o777).toBe(0o755);
  });

  it("writes through no planted link: the temporary name cannot be guessed, and the file replaces a link to it", () => {
    const { store, dir, file } = fresh();
    const victim = join(mkdtempSync(join(tmpdir(), "dtt-victim-")), "bashrc");
    writeFileSync(victim, "mine");
    // Where the temporary file went before issue 17, and the file itself.
    symlinkSync(victim, `${file}.${process.pid}.tmp`);
    symlinkSync(victim, file);
    store.save({ version: 1, lessons: {} });
    expect(readFileSync(victim, "utf8")).toBe("mine");
    expect(lstatSync(file).isFile()).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp") && !lstatSync(join(dir, f)).isSymbolicLink())).toEqual([]);
  });

  it("lives in DOCKER_TUTOR_DATA_DIR, else the XDG data dir", () => {
    expect(progressPath({ DOCKER_TUTOR_DATA_DIR: "/d" })).toBe("/d/progress.json");
  });
});
