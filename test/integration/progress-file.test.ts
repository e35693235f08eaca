import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";

/** Scenario 8 through the CLI: a progress file the tutor cannot read is moved aside with a warning, and it starts fresh. */
describe("an unreadable progress file", () => {
  it.each([
    ["corrupt", "{ this is not json", "it is not valid JSON (perhaps cut short)"],
    ["truncated", '{"version": 1, "lessons": {"hello-wor', "it is not valid JSON (perhaps cut short)"],
    ["from a future version", '{"version": 9, "lessons": {}}', "it was written by a newer docker-tutor (format 9)"],
    ["of the wrong shape", '{"version": 1, "lessons": []}', "it does not have the expected shape"],
  ])("%s: moved aside, with a warning saying where; the tutor starts fresh and saves again", async (_name, text, why) => {
    const dir = mkdtempSync(join(tmpdir(), "dtt-progress-"));
    writeFileSync(join(dir, "progress.json"), text);
    const result = await runCli(["hint", "1"], { env: { DOCKER_TUTOR_DATA_DIR: dir } });

    expect(result.code, result.stderr).toBe(0);
    const aside = readdirSync(dir).find((f) => f.startsWith("progress.json.unreadable-"));
    expect(aside).toBeDefined();
    expect(readFileSync(join(dir, aside ?? ""), "utf8")).toBe(text);
    expect(result.stderr).toBe(
      `! Your progress file could not be read: ${why}. It was moved to ${join(dir, aside ?? "")} and progress starts fresh.\n`,
    );
    expect(result.stdout).toContain("Hint 1/");
    // The fresh file is whole and holds the hint just used.
    const fresh = JSON.parse(readFileSync(join(dir, "progress.json"), "utf8")) as {
      version: number;
      lessons: Record<string, { hints: object }>;
    };
    expect(fresh.version).toBe(1);
    expect(fresh.lessons["hello-world"]?.hints).toEqual({ "run-hello-world": 1 });
  });
});
