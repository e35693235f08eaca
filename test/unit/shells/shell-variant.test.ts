import { describe, expect, it } from "vitest";
import { cmdWords } from "../../../src/shells/cmd-words.js";
import type { ShellKind } from "../../../src/shells/learner-shell.js";
import { powershellWords } from "../../../src/shells/powershell-words.js";
import { shellVariant, variantNote } from "../../../src/shells/shell-variant.js";
import { bashWords, type ShellWords } from "../../../src/shells/shell-words.js";

const asShown = { kind: "as-shown" };
const variant = (line: string) => expect.objectContaining({ kind: "variant", line });
const cannot = (construct: RegExp) => expect.objectContaining({ kind: "cannot", construct: expect.stringMatching(construct) });

const MOUNT_PWD = 'docker run --mount type=bind,source="$(pwd)",target=/usr/share/nginx/html nginx';
const MOUNT_DOT = "docker run --mount type=bind,source=.,target=/usr/share/nginx/html nginx";
const SINGLE_FORMAT = "docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' web";
const DOUBLE_FORMAT = 'docker inspect -f "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}" web';
const QUOTED_REDIRECT = "docker run alpine sh -c 'echo \"hi\" > /data/x'";
const DOUBLE_REDIRECT = "docker run alpine sh -c \"echo 'hi' > /data/x\"";

describe("shellVariant: each construct, in each shell", () => {
  it.each<[string, ShellKind, unknown]>([
    // source="$(pwd)": bash, zsh and PowerShell expand it; cmd needs %cd%; source=. needs nothing
    [MOUNT_PWD, "bash", asShown],
    [MOUNT_PWD, "powershell", asShown],
    [MOUNT_PWD, "cmd", variant('docker run --mount "type=bind,source=%cd%,target=/usr/share/nginx/html" nginx')],
    [MOUNT_DOT, "powershell", asShown],
    [MOUNT_DOT, "cmd", asShown],
    // single-quoted --format: cmd passes the quotes on and splits at the blank
    [SINGLE_FORMAT, "powershell", asShown],
    [SINGLE_FORMAT, "cmd", variant(DOUBLE_FORMAT)],
    [DOUBLE_FORMAT, "cmd", asShown],
    [DOUBLE_FORMAT, "powershell", asShown],
    // > inside sh -c '…': cmd takes it; double quotes outside keep it from cmd
    [QUOTED_REDIRECT, "powershell", asShown],
    [QUOTED_REDIRECT, "cmd", cannot(/`"` inside a word that also holds/)],
    [DOUBLE_REDIRECT, "cmd", asShown],
    [DOUBLE_REDIRECT, "powershell", asShown],
    // Git Bash rewrites /bin/sh and =/path for Windows programs
    ["docker container run -it alpine /bin/sh", "gitbash", variant("MSYS_NO_PATHCONV=1 docker container run -it alpine /bin/sh")],
    [MOUNT_DOT, "gitbash", variant(`MSYS_NO_PATHCONV=1 ${MOUNT_DOT}`)],
    ["docker exec web ls /usr/share/nginx/html", "gitbash", variant("MSYS_NO_PATHCONV=1 docker exec web ls /usr/share/nginx/html")],
    ["docker run -v data:/data alpine", "gitbash", variant("MSYS_NO_PATHCONV=1 docker run -v data:/data alpine")],
    ["curl http://localhost:8030/", "gitbash", asShown],
    ["docker run --name web -p 8030:80 student/app:1.0", "gitbash", asShown],
    ["ls /tmp", "gitbash", asShown],
    // Windows PowerShell 5.1's curl is Invoke-WebRequest; PowerShell 7 and cmd run curl.exe
    ["curl http://localhost:8030/", "windows-powershell", variant("curl.exe http://localhost:8030/")],
    ["curl http://localhost:8030/", "powershell", asShown],
    ["curl http://localhost:8030/", "cmd", asShown],
    [QUOTED_REDIRECT, "windows-powershell", cannot(/Windows PowerShell 5.1 drops/)],
    // Unix commands a lesson shows for the host
    ["cat Dockerfile", "cmd", variant("type Dockerfile")],
    ["cat Dockerfile", "powershell", asShown],
    ["cp index-new.html index.html", "cmd", variant("copy index-new.html index.html")],
    ["cd docker-tutor-labs/images", "cmd", variant("cd docker-tutor-labs\\images")],
    ["cd docker-tutor-labs/images", "powershell", asShown],
    ["vi hello.sh", "powershell", variant("notepad hello.sh")],
    ["ls -l", "powershell", cannot(/takes no Unix options/)],
    ["ls -l", "cmd", cannot(/takes no Unix options/)],
    ["grep x file", "cmd", cannot(/`grep`, which cmd does not have/)],
    // environment variables: PowerShell's $NAME is its own variable; cmd writes %NAME%
    ["docker tag app $DOCKERID/app", "powershell", variant('docker tag app "$env:DOCKERID/app"')],
    ["docker tag app ${DOCKERID}x", "powershell", variant('docker tag app "${env:DOCKERID}x"')],
    ["docker tag app $DOCKERID/app", "cmd", variant('docker tag app "%DOCKERID%/app"')],
    ["docker run -v $PWD:/src alpine", "cmd", variant('docker run -v "%cd%:/src" alpine')],
    ["docker run -v ~/data:/data alpine", "powershell", variant('docker run -v "$HOME/data:/data" alpine')],
    ["docker run -v ~/data:/data alpine", "cmd", variant('docker run -v "%USERPROFILE%/data:/data" alpine')],
    // placeholders are the learner's to fill, in every shell
    ["docker container start <ID>", "cmd", asShown],
    ["docker exec pinger ping -c 3 <address of sleeper>", "powershell", asShown],
    // what no variant can be made of
    ["docker ps | wc -l", "cmd", cannot(/^the shell operator \|$/)],
    ["docker ps | wc -l", "powershell", cannot(/^the shell operator \|$/)],
    ["docker ps | wc -l", "gitbash", asShown],
    ["docker run alpine echo 50%", "cmd", asShown],
    ["docker run alpine echo %PATH%", "cmd", cannot(/`%`/)],
  ])("%s in %s", (line, shell, expected) => {
    expect(shellVariant(line, shell)).toEqual(expected);
  });

  it("bash runs every lesson command as shown", () => {
    expect(shellVariant(QUOTED_REDIRECT, "bash")).toEqual(asShown);
    expect(shellVariant("docker ps | wc -l", "bash")).toEqual(asShown);
  });

  it("says why a variant is needed", () => {
    expect(shellVariant(SINGLE_FORMAT, "cmd")).toMatchObject({ why: "cmd passes single quotes on as characters" });
    expect(shellVariant("docker run -it alpine /bin/sh", "gitbash")).toMatchObject({
      why: "Git Bash would turn /bin/sh into a Windows path before docker sees it",
    });
    expect(shellVariant("docker tag a $ID/a", "powershell")).toMatchObject({
      why: expect.stringContaining("PowerShell reads as its own variable"),
    });
  });

  it("variantNote: a line for the Type: block under a command, only when the learner's shell needs one", () => {
    expect(variantNote(DOUBLE_FORMAT, "cmd")).toBeUndefined();
    expect(variantNote(SINGLE_FORMAT, "cmd")).toBe(`cmd: ${DOUBLE_FORMAT}`);
    expect(variantNote(QUOTED_REDIRECT, "cmd")).toMatch(
      /^cmd cannot run this as shown \(.*\): use bash \(Git Bash or WSL\) for it, or the tutor's prompt\.$/,
    );
  });
});

describe("what each shell hands the program", () => {
  const words = (parsed: ShellWords) => (parsed.ok ? parsed.words : parsed.construct);
  it.each<[string, (line: string) => ShellWords, unknown]>([
    [
      "a 'b c' \"d e\"",
      cmdWords,
      [[{ kind: "text", text: "a" }], [{ kind: "text", text: "'b" }], [{ kind: "text", text: "c'" }], [{ kind: "text", text: "d e" }]],
    ],
    ['a \\"b\\" "c\\"d"', cmdWords, [[{ kind: "text", text: "a" }], [{ kind: "text", text: '"b"' }], [{ kind: "text", text: 'c"d' }]]],
    ["a ^& b", cmdWords, [[{ kind: "text", text: "a" }], [{ kind: "text", text: "&" }], [{ kind: "text", text: "b" }]]],
    ['a "x > y" z', cmdWords, [[{ kind: "text", text: "a" }], [{ kind: "text", text: "x > y" }], [{ kind: "text", text: "z" }]]],
    ["a > y", cmdWords, "`>`, which cmd takes as a redirection"],
    [
      "echo %cd%\\x %HOME%",
      cmdWords,
      [[{ kind: "text", text: "echo" }], [{ kind: "pwd" }, { kind: "text", text: "\\x" }], [{ kind: "env", name: "HOME" }]],
    ],
    [
      "a 'b c' 'it''s'",
      powershellWords,
      [[{ kind: "text", text: "a" }], [{ kind: "text", text: "b c" }], [{ kind: "text", text: "it's" }]],
    ],
    [
      'a "x`"y" $env:USER',
      powershellWords,
      [[{ kind: "text", text: "a" }], [{ kind: "text", text: 'x"y' }], [{ kind: "env", name: "USER" }]],
    ],
    ['src="$(pwd)",x', powershellWords, [[{ kind: "text", text: "src=" }, { kind: "pwd" }, { kind: "text", text: ",x" }]]],
    // an argument that starts with a quote ends with it: PowerShell's own split
    ["'a'b", powershellWords, [[{ kind: "text", text: "a" }], [{ kind: "text", text: "b" }]]],
    ["a | b", powershellWords, "the pipe `|`"],
    ["docker run $name", powershellWords, "`$name`, which PowerShell reads as its own variable, not the environment's"],
    ["a ~ # comment", powershellWords, [[{ kind: "text", text: "a" }], [{ kind: "text", text: "~" }]]],
    ["a ~ $(pwd)", bashWords, [[{ kind: "text", text: "a" }], [{ kind: "home" }], [{ kind: "pwd" }]]],
  ])("%s", (line, parse, expected) => {
    expect(words(parse(line))).toEqual(expected);
  });
});
