import { describe, expect, it } from "vitest";
import { tokenize } from "../../../src/docker/interpreter/tokenize.js";
import { substituteInCommand } from "../../../src/lessons/command-variables.js";
import { substituteVariables, variableValueProblem } from "../../../src/lessons/variables.js";

const HOSTILE = "80 -v /:/host # $HOME `id` ' \" \\";
const values: Record<string, string> = { port: "8080", msg: "hello world", evil: HOSTILE, empty: "" };
const substitute = (line: string) => substituteInCommand(line, (name) => values[name]);
const words = (line: string) => {
  const tokens = tokenize(substitute(line), { vars: { HOME: "/home/ada" }, cwd: "/w" });
  return tokens.ok ? tokens.argv : tokens.problem;
};

describe("substituteInCommand: a value is one piece of its word, wherever it stands", () => {
  it.each<[string, string[]]>([
    ["docker run -p ${{ port }}:80 nginx", ["docker", "run", "-p", "8080:80", "nginx"]],
    ["docker run alpine echo ${{ msg }}", ["docker", "run", "alpine", "echo", "hello world"]],
    ['docker run alpine echo "${{ msg }}"', ["docker", "run", "alpine", "echo", "hello world"]],
    ["docker run alpine echo '${{ msg }}'", ["docker", "run", "alpine", "echo", "hello world"]],
    ["docker run -p ${{ evil }} nginx", ["docker", "run", "-p", HOSTILE, "nginx"]],
    ['docker run alpine echo "a ${{ evil }} b"', ["docker", "run", "alpine", "echo", `a ${HOSTILE} b`]],
    ["docker run alpine echo 'a ${{ evil }} b'", ["docker", "run", "alpine", "echo", `a ${HOSTILE} b`]],
    ["docker run alpine echo x${{ evil }}y", ["docker", "run", "alpine", "echo", `x${HOSTILE}y`]],
    ["docker run alpine echo ${{ empty }} x", ["docker", "run", "alpine", "echo", "", "x"]],
    ['docker run alpine echo "\\"${{ msg }}"', ["docker", "run", "alpine", "echo", '"hello world']],
  ])("%s", (line, argv) => expect(words(line)).toEqual(argv));

  it("leaves a plain value as typed, so the line shown reads as written", () => {
    expect(substitute("docker run -p ${{ port }}:80 nginx")).toBe("docker run -p 8080:80 nginx");
  });

  it("leaves an unknown reference in place", () => {
    expect(substitute("docker run ${{ nope }}")).toBe("docker run ${{ nope }}");
  });
});

describe("substituteVariables: quoting only in command lines", () => {
  it("quotes in solution run: and shell:, and leaves text and commands shown as plain text", () => {
    const doc = {
      steps: [
        {
          text: "Use ${{ msg }}",
          commands: ["docker run alpine echo ${{ msg }}"],
          solution: [{ run: "docker run alpine echo ${{ msg }}" }, { shell: "echo ${{ msg }}" }],
        },
      ],
    };
    const { value } = substituteVariables(doc, values) as { value: typeof doc };
    const step = value.steps[0];
    expect(step?.text).toBe("Use hello world");
    expect(step?.commands[0]).toBe("docker run alpine echo hello world");
    expect(step?.solution[0]).toEqual({ run: "docker run alpine echo 'hello world'" });
    expect(step?.solution[1]).toEqual({ shell: "echo 'hello world'" });
  });

  it("reports an unknown name in a command line with its path", () => {
    const { unknown } = substituteVariables({ steps: [{ solution: [{ run: "docker run ${{ nope }}" }] }] }, values);
    expect(unknown).toEqual([{ path: ["steps", 0, "solution", 0, "run"], name: "nope" }]);
  });
});

describe("variableValueProblem: a --var value fits its kind", () => {
  it.each<["name" | "port" | "text", string, RegExp | undefined]>([
    ["port", "8081", undefined],
    ["port", "0", /a port is a number from 1 to 65535/],
    ["port", "65536", /a port is a number/],
    ["port", "80 -v /:/host", /a port is a number/],
    ["name", "web-abc12", undefined],
    ["name", "me/app:v1", undefined],
    ["name", "web --privileged", /a name is letters, digits/],
    ["name", "--privileged", /starts with -, so docker would read it as an option/],
    ["text", "hello from alpine", undefined],
    ["text", "hi\nthere", /one line without control characters/],
    ["text", "\u001b]52;c;x\u0007", /control characters/],
    ["text", "-v /:/host", /starts with -/],
  ])("%s %j", (kind, value, problem) => {
    const found = variableValueProblem(kind, value);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toMatch(problem);
  });
});
