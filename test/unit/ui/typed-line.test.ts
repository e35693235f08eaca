import { describe, expect, it } from "vitest";
import { typedLineAdvice } from "../../../src/ui/prompt-help.js";
import { readTypedLine } from "../../../src/ui/typed-line.js";

describe("readTypedLine", () => {
  it.each([
    ["", { kind: "empty" }],
    ["   ", { kind: "empty" }],
    ["h", { kind: "key", key: "hint" }],
    ["Q", { kind: "key", key: "quit" }],
    ["hint", { kind: "key", key: "hint" }],
    ["Skip", { kind: "key", key: "skip" }],
    ["help", { kind: "help" }],
    ["?", { kind: "help" }],
    ["exit", { kind: "exit" }],
    ["docker network ls", { kind: "docker", line: "docker network ls" }],
    ["$ docker network ls", { kind: "docker", line: "docker network ls" }],
    ["PS> docker ps", { kind: "docker", line: "docker ps" }],
    ["PS C:\\labs> docker ps", { kind: "docker", line: "docker ps" }],
    ["> docker ps", { kind: "docker", line: "docker ps" }],
    ["$ exit", { kind: "exit" }],
    ["dokcer run hello-world", { kind: "docker-typo", word: "dokcer", line: "docker run hello-world" }],
    ["docekr ps", { kind: "docker-typo", word: "docekr", line: "docker ps" }],
    ["/ # echo hi > hello.txt", { kind: "elsewhere", where: "container", line: "echo hi > hello.txt" }],
    ["node1 $ docker node ls", { kind: "elsewhere", where: "node1", line: "docker node ls" }],
    ["curl http://localhost:8080/", { kind: "other", line: "curl http://localhost:8080/", word: "curl" }],
    ["docker-tutor env shell node1", { kind: "other", line: "docker-tutor env shell node1", word: "docker-tutor" }],
    ["cp a b", { kind: "other", line: "cp a b", word: "cp" }],
    ["172.17.0.0/16", { kind: "other", line: "172.17.0.0/16", word: "172.17.0.0/16" }],
  ])("%j → %j", (line, expected) => {
    expect(readTypedLine(line)).toEqual(expected);
  });

  it("says in one sentence where a line goes, never 'Run $ in your own shell'", () => {
    const curl = typedLineAdvice(readTypedLine("curl http://localhost:8080/")) ?? "";
    expect(curl).toMatch(/^`curl` runs in your own shell, in another terminal/);
    expect(curl.split(/[.!?](\s|$)/).filter((s) => s.trim() !== "").length).toBe(1);
    expect(typedLineAdvice(readTypedLine("exit"))).toMatch(/tutor's prompt.*q leaves the lesson/);
    expect(typedLineAdvice(readTypedLine("dokcer ps"))).toBe("`dokcer` is not a command here: did you mean `docker ps`?");
    expect(typedLineAdvice(readTypedLine("docker ps"))).toBeUndefined();
    for (const line of ["$ curl x", "$ cd labs", "$ exit"]) expect(typedLineAdvice(readTypedLine(line))).not.toMatch(/Run .?\$/);
  });
});
