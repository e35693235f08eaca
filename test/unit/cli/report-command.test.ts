import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../../src/cli/main.js";
import { checkJson } from "../../helpers/check-json.js";
import { fakeWorld } from "../../helpers/fake-world.js";

const dir = mkdtempSync(join(tmpdir(), "dtt-report-cmd-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sink() {
  let text = "";
  const write = (chunk: string) => {
    text += chunk;
    return true;
  };
  const stream = { isTTY: false, columns: 100, write } as unknown as NodeJS.WriteStream;
  return { stream, text: () => text };
}

async function run(args: string[]) {
  const [stdout, stderr] = [sink(), sink()];
  const stdin = { isTTY: false } as unknown as NodeJS.ReadStream;
  const world = { host: fakeWorld({}), stdin, stdout: stdout.stream, stderr: stderr.stream, now: () => new Date("2026-12-07T10:00:00Z") };
  const code = await main(args, world);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

const write = (name: string, json: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(json));
  return path;
};

describe("docker-tutor report", () => {
  const ann = write("ann.json", checkJson({ number: 1 }, { a: "pass", b: "fail" }));
  const bob = write("bob.json", checkJson({ number: 1 }, { a: "recorded", b: "pass" }));

  it("prints the table, writes the CSV and the page, exit 0; no daemon asked", async () => {
    const [csv, html] = [join(dir, "class.csv"), join(dir, "class.html")];
    const result = await run(["report", ann, bob, "--csv", csv, "--html", html]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toMatch(/^ann +✔ ✖ +1\/2$/m);
    expect(result.stdout).toMatch(/^bob +✓ ✔ +2\/2$/m);
    expect(readFileSync(csv, "utf8")).toContain("bob,recorded,pass,2,2");
    expect(readFileSync(html, "utf8")).toMatch(/^<!doctype html>[\s\S]*<td class="cell recorded first"/);
  });

  it("a file that is not check --json: exit 2, naming it and how to make one", async () => {
    const bad = write("bad.json", { hello: "world" });
    const result = await run(["report", ann, bad]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`"${bad}" is not the output of check --json`);
    expect(result.stderr).toContain("docker-tutor check <lesson> --json > NAME.json");
  });

  it("a file that is not there: exit 2, in words", async () => {
    const result = await run(["report", join(dir, "missing.json")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("there is no such file or folder");
  });
});
