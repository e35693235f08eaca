import { EventEmitter } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { REFUSED, runTypedCommand, typedArgv } from "../../../src/cli/typed-command.js";
import { tokenize } from "../../../src/docker/interpreter/tokenize.js";

const env = { HOME: "/home/ada", DOCKERID: "ada", PWD: "/where/the/tutor/started" };
const cwd = "/home/ada/docker-tutor-labs/bind-mounts";

describe("typedArgv: a typed line split as bash would, on every platform", () => {
  it.each<[string, string[]]>([
    ["docker ps", ["docker", "ps"]],
    ["docker inspect -f '{{.State.Status}}' web", ["docker", "inspect", "-f", "{{.State.Status}}", "web"]],
    ['docker inspect -f "{{json .Mounts}}" web', ["docker", "inspect", "-f", "{{json .Mounts}}", "web"]],
    [
      'docker run --mount type=bind,source="$(pwd)",target=/x nginx',
      ["docker", "run", "--mount", `type=bind,source=${cwd},target=/x`, "nginx"],
    ],
    ["docker run -v $PWD:/src -v ${PWD}/a:/a alpine", ["docker", "run", "-v", `${cwd}:/src`, "-v", `${cwd}/a:/a`, "alpine"]],
    ["docker run -v ~/data:/data alpine", ["docker", "run", "-v", "/home/ada/data:/data", "alpine"]],
    ["docker image build -t $DOCKERID/app:1.0 .", ["docker", "image", "build", "-t", "ada/app:1.0", "."]],
    ["docker run alpine sh -c \"echo 'hi' > /data/x\"", ["docker", "run", "alpine", "sh", "-c", "echo 'hi' > /data/x"]],
  ])("%s", (line, argv) => {
    expect(typedArgv(line, env, cwd)).toEqual({ ok: true, argv, assignments: {} });
  });

  it("takes leading NAME=value words as the command's environment, as a shell does", () => {
    expect(typedArgv("MSYS_NO_PATHCONV=1 docker run -it alpine /bin/sh", env, cwd)).toEqual({
      ok: true,
      argv: ["docker", "run", "-it", "alpine", "/bin/sh"],
      assignments: { MSYS_NO_PATHCONV: "1" },
    });
  });

  it("on Windows, ~ is the user's profile when HOME is unset", () => {
    expect(typedArgv("docker run -v ~/d:/d alpine", { USERPROFILE: "C:\\Users\\ada" }, "C:\\labs")).toMatchObject({
      argv: ["docker", "run", "-v", "C:\\Users\\ada/d:/d", "alpine"],
    });
  });

  it.each<[string, RegExp]>([
    [
      "docker ps | wc -l",
      /^The tutor's prompt runs one docker command without a shell, so `\|` does nothing here: run this line in your own terminal\.$/,
    ],
    ["docker image save alpine > alpine.tar", /so `>` does nothing here/],
    ["docker ps && docker images", /so `&&` does nothing here/],
    ["docker container start <ID>", /^Replace `<ID>` with what it stands for, then run the command again\.$/],
    ["docker run 'alpine", /^This line cannot run at the tutor's prompt: the closing ' is missing \(column 12\)\.$/],
  ])("refuses %s in one sentence", (line, problem) => {
    expect(typedArgv(line, env, cwd)).toEqual({ ok: false, problem: expect.stringMatching(problem) });
  });
});

describe("runTypedCommand", () => {
  const dir = mkdtempSync(join(tmpdir(), "dtt-typed-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const capture = () => {
    let text = "";
    const stream = new Writable({
      write(chunk, _encoding, done) {
        text += String(chunk);
        done();
      },
    });
    return { stream, text: () => text };
  };

  it("runs the program with its words as argv, no shell between: quotes, $, ; and > reach it as typed", async () => {
    const script =
      "require('fs').writeFileSync('argv.json', JSON.stringify({ argv: process.argv.slice(1), env: process.env.MSYS_NO_PATHCONV }))";
    const line = `MSYS_NO_PATHCONV=1 node -e "${script}" 'a b' '$HOME' "$(pwd)" ';' '>x' "%PATH%"`;
    const result = await runTypedCommand(line, { cwd: dir, env: { ...process.env, HOME: "/home/ada" }, source: new EventEmitter() });
    expect(result).toEqual({ exitCode: 0, stopped: false });
    expect(JSON.parse(readFileSync(join(dir, "argv.json"), "utf8"))).toEqual({
      argv: ["a b", "$HOME", dir, ";", ">x", "%PATH%"],
      env: "1",
    });
  });

  it("hands the interpreter a line that splits back into the same words", async () => {
    let given = "";
    const line = `docker run --mount type=bind,source="$(pwd)",target=/x -e 'A=it'"'"'s $HOME' nginx`;
    await runTypedCommand(line, {
      cwd: "/srv/my labs",
      env,
      source: new EventEmitter(),
      interpreter: async (typed) => {
        given = typed;
        return 0;
      },
    });
    const again = tokenize(given, { vars: {}, cwd: "/elsewhere" });
    expect(again).toEqual({
      ok: true,
      argv: ["docker", "run", "--mount", "type=bind,source=/srv/my labs,target=/x", "-e", "A=it's $HOME", "nginx"],
    });
  });

  it("refuses a pipe before anything runs, saying so in one line", async () => {
    const err = capture();
    let ran = false;
    const result = await runTypedCommand("docker ps | wc -l", {
      cwd: dir,
      env,
      stderr: err.stream,
      source: new EventEmitter(),
      interpreter: async () => {
        ran = true;
        return 0;
      },
    });
    expect(result).toEqual({ exitCode: REFUSED, stopped: false });
    expect(ran).toBe(false);
    expect(err.text()).toMatch(
      /^The tutor's prompt runs one docker command without a shell, so `\|` does nothing here: run this line in your own terminal\.\n$/,
    );
  });

  it("a program that is not installed exits 127, as in a shell", async () => {
    const result = await runTypedCommand("dtt-no-such-program-here ps", { cwd: dir, env: { PATH: dir }, source: new EventEmitter() });
    expect(result.exitCode).toBe(127);
  });
});
