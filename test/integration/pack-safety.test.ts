import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shell } from "../helpers/docker-cli.js";
import { engineRequest, requireDaemon, uniqueName } from "../helpers/engine-api.js";
import { runCli } from "../helpers/run-cli.js";

/**
 * Scenario 12: a lesson pack that asks for host shell commands is refused unless the learner passes
 * --trust-pack (or its older name --allow-shell); files that escape the pack or the workspace are refused always.
 */
const PACK = fileURLToPath(new URL("../fixtures/shell-pack", import.meta.url));
const FILE = join(PACK, "71-shell.yaml");
const vol = uniqueName("shellvol");
const data = { DOCKER_TUTOR_DATA_DIR: mkdtempSync(join(tmpdir(), "dtt-shell-data-")) };

beforeAll(async () => {
  await requireDaemon();
});

afterAll(async () => {
  await shell(`docker volume rm ${vol}`);
});

describe("--allow-shell", () => {
  it("without it, the pack does not load: the shell command's file:line:col and the flag that allows it, exit 2", async () => {
    const line =
      readFileSync(FILE, "utf8")
        .split("\n")
        .findIndex((l) => l.includes("- shell:")) + 1;
    for (const args of [["list"], ["solve", "71"], ["test"]]) {
      const result = await runCli(["--lessons-dir", PACK, "--var", `vol=${vol}`, ...args], { env: data });
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr).toContain(`${FILE}:${line}:16: step "a" runs a host shell command (\`printf made > made.txt`);
      expect(result.stderr).toContain("if you trust the pack, run docker-tutor with --trust-pack");
    }
    expect((await engineRequest("GET", `/volumes/${vol}`)).status).toBe(404);
  });

  it("with it, solve runs the shell command in the workspace and reset removes what it made", async () => {
    const workdir = mkdtempSync(join(tmpdir(), "dtt-shell-work-"));
    const solved = await runCli(["--allow-shell", "--lessons-dir", PACK, "--var", `vol=${vol}`, "solve", "71", "--workdir", workdir], {
      env: data,
    });
    expect(solved.code, solved.stdout + solved.stderr).toBe(0);
    expect(solved.stdout).toContain(`$ printf made > made.txt && docker volume create ${vol} >/dev/null`);
    expect(readFileSync(join(workdir, "made.txt"), "utf8")).toBe("made");
    expect((await engineRequest("GET", `/volumes/${vol}`)).status).toBe(200);
    const reset = await runCli(["--allow-shell", "--lessons-dir", PACK, "--var", `vol=${vol}`, "reset", "71", "--yes"], { env: data });
    expect(reset.stdout).toContain(`volume ${vol}`);
    expect((await engineRequest("GET", `/volumes/${vol}`)).status).toBe(404);
    expect(existsSync(join(workdir, "made.txt"))).toBe(true);
  });

  it("validate says the same without it, and accepts the pack with it", async () => {
    const refused = await runCli(["validate", PACK]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toContain("runs a host shell command");
    for (const trust of ["--trust-pack", "--allow-shell"]) {
      const accepted = await runCli([trust, "validate", PACK]);
      expect(accepted.code, trust).toBe(0);
      expect(accepted.stdout).toContain('lesson 71 "Shell", 1 step\n');
    }
  });

  it("assets and solution files that escape (.., absolute paths, a link out) are refused at their line, even with --allow-shell", async () => {
    const pack = mkdtempSync(join(tmpdir(), "dtt-escape-pack-"));
    mkdirSync(join(pack, "72-esc"));
    symlinkSync("/etc/passwd", join(pack, "72-esc", "page.html"));
    const target = join(tmpdir(), `${uniqueName("evil")}.txt`);
    writeFileSync(
      join(pack, "72-esc.yaml"),
      [
        "format: 1",
        "id: esc",
        "number: 72",
        "slug: esc",
        "title: Escape",
        "summary: s",
        "minutes: 1",
        'assets: ["../../etc/passwd", "/etc/passwd", "page.html"]',
        "steps:",
        "  - id: a",
        "    title: A",
        "    text: t",
        "    solution:",
        `      - write: { path: "../../../../..${target}", content: "x" }`,
        '      - copy: { from: "/etc/passwd", to: "p" }',
        "    checks:",
        "      - kind: image",
        "        ref: alpine",
        "",
      ].join("\n"),
    );
    const file = join(pack, "72-esc.yaml");
    const result = await runCli(["--allow-shell", "--lessons-dir", pack, "solve", "72"], { env: data });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}:8:10: the asset "../../etc/passwd" points outside the lesson's asset folder`);
    expect(result.stderr).toContain(`${file}:8:30: the asset "/etc/passwd" points outside the lesson's asset folder`);
    expect(result.stderr).toContain(`${file}:8:45: the asset "page.html" is a link that leads outside the asset folder`);
    expect(result.stderr).toMatch(new RegExp(`${file}:14:\\d+: step "a" \\(its solution\\) names a file outside the learner's workspace`));
    expect(result.stderr).toContain(`${file}:15:23: step "a" (its solution) names a file outside the learner's workspace ("/etc/passwd")`);
    expect(existsSync(target)).toBe(false);
  });
});
