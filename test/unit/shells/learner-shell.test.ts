import { describe, expect, it } from "vitest";
import { commandPlaces, opensContainerShell } from "../../../src/shells/command-places.js";
import { learnerShell, type ShellKind } from "../../../src/shells/learner-shell.js";
import { typeBlockNotes } from "../../../src/shells/type-block-notes.js";

const SYSTEM_MODULES = "C:\\Program Files\\WindowsPowerShell\\Modules;C:\\WINDOWS\\system32\\WindowsPowerShell\\v1.0\\Modules";
const PROFILE = "C:\\Users\\ada";

describe("learnerShell: the shell the tutor was started from", () => {
  it.each<[string, NodeJS.Platform, Record<string, string>, string]>([
    ["Linux", "linux", {}, "bash"],
    ["macOS (zsh)", "darwin", { SHELL: "/bin/zsh" }, "bash"],
    ["Git Bash", "win32", { MSYSTEM: "MINGW64", PSModulePath: SYSTEM_MODULES, USERPROFILE: PROFILE }, "gitbash"],
    [
      "PowerShell 7",
      "win32",
      {
        PSModulePath: `${PROFILE}\\Documents\\PowerShell\\Modules;C:\\Program Files\\PowerShell\\Modules;c:\\program files\\powershell\\7\\Modules;${SYSTEM_MODULES}`,
        USERPROFILE: PROFILE,
      },
      "powershell",
    ],
    [
      "Windows PowerShell 5.1",
      "win32",
      { PSModulePath: `${PROFILE}\\Documents\\WindowsPowerShell\\Modules;${SYSTEM_MODULES}`, USERPROFILE: PROFILE },
      "windows-powershell",
    ],
    ["cmd", "win32", { PSModulePath: SYSTEM_MODULES, USERPROFILE: PROFILE, ComSpec: "C:\\WINDOWS\\system32\\cmd.exe" }, "cmd"],
    ["cmd with no PSModulePath at all", "win32", { ComSpec: "C:\\WINDOWS\\system32\\cmd.exe" }, "cmd"],
  ])("%s", (_name, platform, env, expected) => {
    expect(learnerShell(platform, env)).toBe(expected);
  });
});

describe("commandPlaces: where each shown command is typed", () => {
  it("a container's shell from `run -it` up to `exit`, a node's by its prompt, else the learner's", () => {
    const { places, insideAtEnd } = commandPlaces([
      "docker container run -it alpine /bin/ash",
      'echo "hello world" > hello.txt',
      "ls",
      "exit",
      "docker container ls -a",
      "node1 $ docker node ls",
    ]);
    expect(places).toEqual(["host", "container", "container", "container", "host", "node"]);
    expect(insideAtEnd).toBe(false);
  });

  it("a step that leaves the container's shell open hands it on to the next", () => {
    expect(commandPlaces(["docker run -it --name box alpine sh", "echo hi > x"])).toEqual({
      places: ["host", "container"],
      insideAtEnd: true,
    });
    expect(commandPlaces(["ls", "exit", "ls"], true).places).toEqual(["container", "container", "host"]);
  });

  it.each<[string, boolean]>([
    ["docker container run -it alpine /bin/sh", true],
    ["docker run -ti --name x alpine sh", true],
    ["docker run --interactive --tty alpine sh", true],
    ["docker exec -it web sh", true],
    ["docker container start -ai box", true],
    ["docker attach box", true],
    ["docker run -dt --name sleeper alpine sleep infinity", false],
    ["docker run -dit alpine sh", false],
    ["docker run alpine /bin/sh", false],
    ["docker run --name it alpine ls -it", false],
    ["docker container start box", false],
  ])("%s opens a container's shell: %s", (command, expected) => {
    expect(opensContainerShell(command)).toBe(expected);
  });
});

describe("typeBlockNotes: what the Type: block adds under each command for the learner's shell", () => {
  const commands = [
    "docker container run -it alpine /bin/sh",
    "ls /bin/sh",
    "exit",
    "docker inspect -f '{{.Id}}' web",
    "docker container ls",
  ];
  it.each<[ShellKind, (string | undefined)[]]>([
    ["bash", [undefined, undefined, undefined, undefined, undefined]],
    ["gitbash", ["Git Bash: MSYS_NO_PATHCONV=1 docker container run -it alpine /bin/sh", undefined, undefined, undefined, undefined]],
    ["cmd", [undefined, undefined, undefined, 'cmd: docker inspect -f "{{.Id}}" web', undefined]],
    ["powershell", [undefined, undefined, undefined, undefined, undefined]],
  ])("%s", (shell, notes) => {
    expect(typeBlockNotes(commands, shell)).toEqual(notes);
  });
});
