import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { requireDaemon } from "../helpers/engine-api.js";
import { runCli } from "../helpers/run-cli.js";

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const dataEnv = () => ({ DOCKER_TUTOR_DATA_DIR: mkdtempSync(join(tmpdir(), "dtt-data-")) });

describe("lesson commands through the built CLI", () => {
  it("validate reports every mistake as file:line:col: what — fix, and exits 2", async () => {
    const result = await runCli(["validate", fixture("bad-pack")]);
    expect(result.code).toBe(2);
    const file = join(fixture("bad-pack"), "07-broken.yaml");
    const lines = result.stdout.trim().split("\n");
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^${file}:14:24: hint 2 of steps\\[0\\] is empty — `)),
        expect.stringMatching(
          new RegExp(`^${file}:16:15: unknown check kind at steps\\[0\\]\\.checks\\[0\\]\\.kind — use one of container, `),
        ),
        expect.stringMatching(new RegExp(`^${file}:21:5: unknown field "colour" in steps\\[1\\] — `)),
      ]),
    );
    expect(result.stderr).toMatch(/✖ \d+ mistakes? in 1 file\./);
  });

  it("validate also finds a missing asset and a duplicate step id once the schema passes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dtt-pack-"));
    const { writeFileSync, readFileSync } = await import("node:fs");
    const text = readFileSync(join(fixture("bad-pack"), "07-broken.yaml"), "utf8")
      .replace('""', "fix it")
      .replace("contaner", "container")
      .replace(/ {4}colour: blue.*\n/, "");
    writeFileSync(join(dir, "07-broken.yaml"), text);
    const result = await runCli(["validate", dir]);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/07-broken\.yaml:9:10: the asset "Dockerfile" is missing from .* — add the file there, or fix its name/);
    expect(result.stdout).toMatch(/07-broken\.yaml:18:9: duplicate step id "one" \(step 1 has it too\) — give every step its own id/);
  });

  it("validate passes the built-in lessons", async () => {
    const result = await runCli(["validate", fileURLToPath(new URL("../../lessons", import.meta.url))]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/✔ .*01-hello-world\.yaml: lesson 1 "Hello, containers", \d+ steps/);
  });

  it("list shows the built-in lessons and a --lessons-dir pack; --json gives each lesson's number, id, slug, title, minutes, status and source", async () => {
    const result = await runCli(["--lessons-dir", fixture("good-pack"), "list", "--json"], { env: dataEnv() });
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(rows[0]).toEqual({
      number: 1,
      id: "hello-world",
      slug: "hello-world",
      title: "Hello, containers",
      minutes: 20,
      status: "new",
      source: "built-in",
    });
    expect(rows.at(-1)).toEqual({
      number: 50,
      id: "extra",
      slug: "extra",
      title: "An extra lesson from a pack",
      minutes: 2,
      status: "new",
      source: fixture("good-pack"),
    });
  });

  it("a broken pack stops list with file:line:col and exit 2", async () => {
    const result = await runCli(["--lessons-dir", fixture("bad-pack"), "list"], { env: dataEnv() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^✖ .*07-broken\.yaml has \d+ mistakes\./);
    expect(result.stderr).toMatch(/07-broken\.yaml:16:15: unknown check kind/);
  });

  it("lesson without a terminal says which command fits and exits 2", async () => {
    const result = await runCli(["lesson", "1"], { env: dataEnv() });
    expect(result.code).toBe(2);
    expect(result.stderr.split("\n")[0]).toBe("✖ The interactive lesson needs a terminal, and this is not one.");
    expect(result.stderr).toMatch(/docker-tutor check 1/);
  });

  it("an unknown lesson names the ones there are", async () => {
    const result = await runCli(["check", "42"], { env: dataEnv() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/There is no lesson "42"\.\n.*Pick one of: 1 hello-world/);
  });

  it("check --json grades live state (the lesson, each step with its checks, the score, hints used) and exits 1 when a task step fails", async () => {
    await requireDaemon();
    const result = await runCli(["--lessons-dir", fixture("good-pack"), "--var", "image=no-such-image-dtt", "check", "extra", "--json"], {
      env: dataEnv(),
    });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report).toEqual({
      lesson: { number: 50, id: "extra", slug: "extra" },
      steps: [
        {
          id: "have-image",
          title: "Have the image",
          kind: "task",
          pass: false,
          checks: [{ kind: "image", pass: false, expected: expect.stringContaining("no-such-image-dtt"), actual: expect.any(String) }],
          hintsUsed: 0,
          // failing now, and never seen passing: no evidence, no time
          evidence: null,
          at: null,
        },
      ],
      passed: 0,
      total: 1,
      hintsUsed: 0,
    });
  });
});
