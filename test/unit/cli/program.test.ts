import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { buildProgram, main } from "../../../src/cli/main.js";
import type { GlobalOptions, Session } from "../../../src/cli/session.js";
import { fakeWorld } from "../../helpers/fake-world.js";

/** A stream that keeps what is written: no terminal, so no colour and no prompts. */
function sink() {
  let text = "";
  const write = (chunk: string) => {
    text += chunk;
    return true;
  };
  const stream = { isTTY: false, columns: 100, write } as unknown as NodeJS.WriteStream;
  return { stream, text: () => text };
}

function world() {
  const stdout = sink();
  const stderr = sink();
  const stdin = { isTTY: false } as unknown as NodeJS.ReadStream;
  return { stdout, stderr, world: { host: fakeWorld({}), stdin, stdout: stdout.stream, stderr: stderr.stream, now: () => new Date(0) } };
}

/** Stops a command's action at its first step, when it asks for the session. */
class SessionAsked extends Error {}

function program() {
  const out = world();
  const asked: GlobalOptions[] = [];
  const makeSession = (globals: GlobalOptions): Session => {
    asked.push(globals);
    throw new SessionAsked();
  };
  return { ...out, asked, program: buildProgram(makeSession, out.world) };
}

const everyCommand = (command: Command): Command[] =>
  command.commands.filter((c) => c.name() !== "help").flatMap((c) => [c, ...everyCommand(c)]);

describe("buildProgram: the command table, without spawning", () => {
  it("every command, and every env subcommand, has --help with an example", () => {
    const { program: root, stdout } = program();
    const commands = everyCommand(root);
    expect(commands.map((c) => c.name())).toEqual(expect.arrayContaining(["lesson", "test", "check", "doctor", "env", "up", "shell"]));
    for (const command of commands) {
      const before = stdout.text().length;
      command.outputHelp();
      const help = stdout.text().slice(before);
      expect(help, command.name()).toMatch(/^Usage: docker-tutor /);
      expect(help, command.name()).toMatch(/Examples?:\n {2}\$ docker-tutor /);
    }
  });

  it("prepare --help shows --save and --load, each with an example", () => {
    const { program: root, stdout } = program();
    root.commands.find((c) => c.name() === "prepare")?.outputHelp();
    expect(stdout.text()).toMatch(/--save <file> +then write those images into one archive/);
    expect(stdout.text()).toMatch(/--load <file> +load the images from an archive --save wrote/);
    expect(stdout.text()).toContain("$ docker-tutor prepare --save images.tar ");
    expect(stdout.text()).toContain("$ docker-tutor prepare --load images.tar ");
  });

  it("parsing --help shows the command's help and runs nothing", async () => {
    const { program: root, stdout, asked } = program();
    await expect(root.parseAsync(["lesson", "--help"], { from: "user" })).rejects.toMatchObject({ code: "commander.helpDisplayed" });
    expect(stdout.text()).toMatch(/^Usage: docker-tutor lesson \[options\] <lesson>/);
    expect(asked).toEqual([]);
  });

  it("global options before the command reach the command's session", async () => {
    const { program: root, asked } = program();
    const args = ["-H", "unix:///x.sock", "--var", "port=8081", "--var", "name=web", "--yes", "--no-color", "hint", "1"];
    await expect(root.parseAsync(args, { from: "user" })).rejects.toBeInstanceOf(SessionAsked);
    expect(asked).toEqual([
      expect.objectContaining({ host: "unix:///x.sock", var: ["port=8081", "name=web"], yes: true, color: false, verbose: false }),
    ]);
  });
});

describe("--trust-pack and its older name --allow-shell", () => {
  it.each([["--trust-pack"], ["--allow-shell"]])("%s reaches the session", async (flag) => {
    const { program: root, asked } = program();
    await expect(root.parseAsync([flag, "--lessons-dir", "pack", "solve", "90"], { from: "user" })).rejects.toBeInstanceOf(SessionAsked);
    expect(asked).toEqual([
      expect.objectContaining({ [flag === "--trust-pack" ? "trustPack" : "allowShell"]: true, lessonsDir: ["pack"] }),
    ]);
  });

  it("the help names both, and says --allow-shell is the older name", () => {
    const { program: root, stdout } = program();
    root.outputHelp();
    const help = stdout.text().replace(/\s+/g, " ");
    expect(help).toContain("--trust-pack trust those lessons");
    expect(help).toContain("--allow-shell the older name of --trust-pack");
  });
});

describe("main: arguments to an exit code, in the world it is given", () => {
  it("--version prints the version and exits 0", async () => {
    const out = world();
    expect(await main(["--version"], out.world)).toBe(0);
    expect(out.stdout.text()).toMatch(/^\d+\.\d+\.\d+\S*\n$/);
  });

  it("no command, outside a terminal, shows the help and exits 0", async () => {
    const out = world();
    expect(await main([], out.world)).toBe(0);
    expect(out.stdout.text()).toMatch(/^Usage: docker-tutor/);
  });

  it("an unknown command is a usage error (exit 2) that names it", async () => {
    const out = world();
    expect(await main(["frobnicate"], out.world)).toBe(2);
    expect(out.stderr.text()).toContain("unknown command 'frobnicate'");
  });

  it("a missing argument is a usage error (exit 2) that names it", async () => {
    const out = world();
    expect(await main(["lesson"], out.world)).toBe(2);
    expect(out.stderr.text()).toContain("missing required argument 'lesson'");
  });

  it("an unknown option is a usage error (exit 2) that names it", async () => {
    const out = world();
    expect(await main(["list", "--frobnicate"], out.world)).toBe(2);
    expect(out.stderr.text()).toContain("unknown option '--frobnicate'");
  });
});
