import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CLI, runCli } from "../helpers/run-cli.js";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };

describe("the built CLI", () => {
  it("--version prints the package version", async () => {
    const result = await runCli(["--version"]);
    expect(result).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it("--help lists doctor and shows examples", async () => {
    const result = await runCli(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: docker-tutor/);
    expect(result.stdout).toMatch(/\n {2}doctor /);
    expect(result.stdout).toContain("$ docker-tutor doctor");
  });

  it("no command shows the help and succeeds", async () => {
    const result = await runCli([]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: docker-tutor/);
  });

  it("every command has --help with an example", async () => {
    const help = await runCli(["--help"]);
    const commandSection = help.stdout.slice(help.stdout.indexOf("Commands:"));
    const commands = [...commandSection.matchAll(/^ {2}([a-z][a-z-]*) /gm)].map((m) => m[1]).filter((c) => c !== "help");
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) {
      const result = await runCli([command as string, "--help"]);
      expect(result.code, command).toBe(0);
      expect(result.stdout, command).toMatch(/Examples?:\n {2}\$ docker-tutor /);
    }
  });

  it("an unknown command is a usage error (exit 2) that names it", async () => {
    const result = await runCli(["frobnicate"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command 'frobnicate'");
  });

  it("-H together with --context is refused with one sentence, no stack trace", async () => {
    const result = await runCli(["-H", "unix:///x.sock", "--context", "lab", "doctor"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^✖ Both -H\/--host and --context were given/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("output piped into a reader that has gone (| head, | true) ends quietly, with no stack trace", () => {
    const result = spawnSync("bash", ["-o", "pipefail", "-c", `"${process.execPath}" "${CLI}" --help | true`], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("on a Node.js older than package.json's engines allow, says so in one sentence with the fix (exit 2)", () => {
    // The bin reads process.versions.node; an older one is faked before the bin is imported.
    const fake = `Object.defineProperty(process, "versions", { value: { ...process.versions, node: "18.19.0" } }); await import(${JSON.stringify(CLI)});`;
    const result = spawnSync(process.execPath, ["--input-type=module", "-e", fake, "--", "--help"], { encoding: "utf8" });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      "docker-tutor needs Node.js ^20.17.0 || ^22.13.0 || >=23.5.0 and this is 18.19.0: install a current LTS release from https://nodejs.org, then run it again.\n",
    );
  });

  it("--verbose adds the stack trace", async () => {
    const result = await runCli(["--verbose", "-H", "unix:///x.sock", "--context", "lab", "doctor"]);
    expect(result.stderr).toMatch(/\n\s+at /);
  });
});
