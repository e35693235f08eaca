import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtInLessonsDir, lessonFilesIn, loadLessonFile, realFiles } from "../../../src/lessons/catalog.js";
import { formatProblem } from "../../../src/lessons/lesson-problems.js";
import { type LessonFiles, parseLesson } from "../../../src/lessons/load.js";
import { parseVarOptions } from "../../../src/lessons/variables.js";

const noAssets: LessonFiles = { realPath: (path) => (path === "/p/01-x" ? "/p/01-x" : undefined) };

const lesson = (steps: string, extra = "") => `format: 1
id: x
number: 1
slug: x
title: T
summary: S
minutes: 5
${extra}steps:
${steps}`;

const goodStep = `  - id: a
    title: A
    text: Do it.
    hints: [look, fix]
    checks:
      - kind: image
        ref: alpine
`;

function problems(text: string, overrides: Record<string, string> = {}, files = noAssets): string[] {
  return parseLesson(text, "01-x.yaml", "/p/01-x", overrides, files).problems.map(formatProblem);
}

describe("parseLesson: file:line:col, what is wrong — how to fix it", () => {
  it("accepts a valid lesson", () => {
    const parsed = parseLesson(lesson(goodStep), "01-x.yaml", "/p/01-x", {}, noAssets);
    expect(parsed.problems).toEqual([]);
    expect(parsed.lesson?.steps[0]?.checks[0]).toEqual({ kind: "image", ref: "alpine" });
  });

  it.each([
    ["bad YAML", lesson(`  - id: a\n    title: [unclosed\n`), /^01-x\.yaml:11:1: not valid YAML: .* — check the indentation/],
    [
      "an unknown field, with a suggestion",
      lesson(goodStep.replace("ref: alpine", "ref: alpine\n        tagg: x")),
      /^01-x\.yaml:16:9: unknown field "tagg" in steps\[0\]\.checks\[0\] — did you mean "tag"\?$/,
    ],
    [
      "a field of another check kind: no suggestion of the same name",
      lesson(goodStep.replace("ref: alpine", "ref: alpine\n        replicasRunning: 2")),
      /^01-x\.yaml:16:9: unknown field "replicasRunning" in steps\[0\]\.checks\[0\] — remove it, or fix its spelling$/,
    ],
    [
      "an unknown check kind",
      lesson(goodStep.replace("kind: image", "kind: imagee")),
      /^01-x\.yaml:14:15: unknown check kind at steps\[0\]\.checks\[0\]\.kind — use one of container, image, network/,
    ],
    [
      "an empty hint",
      lesson(goodStep.replace("hints: [look, fix]", 'hints: [look, ""]')),
      /^01-x\.yaml:12:19: hint 2 of steps\[0\] is empty — write what the learner should look at/,
    ],
    ["a missing field", lesson(goodStep.replace("    title: A\n", "")), /^01-x\.yaml:9:5: missing field "title" — add title:/],
    [
      "an escape sequence in a text (it would drive the learner's terminal)",
      lesson(goodStep.replace("text: Do it.", 'text: "Do \\u001b]0;pwned\\u0007 it."')),
      /^01-x\.yaml:11:11: a control character \(such as ESC\) in a text: the tutor would send it to the learner's terminal — remove it/,
    ],
    [
      "a duplicate step id",
      lesson(goodStep + goodStep),
      /^01-x\.yaml:16:9: duplicate step id "a" \(step 1 has it too\) — give every step its own id$/,
    ],
    [
      "an unknown variable",
      lesson(goodStep.replace("ref: alpine", "ref: ${{ imagee }}")),
      /^01-x\.yaml:15:14: unknown variable \$\{\{ imagee \}\} — declare it under variables:/,
    ],
    [
      "a missing asset",
      lesson(goodStep, "assets: [Dockerfile]\n"),
      /^01-x\.yaml:8:10: the asset "Dockerfile" is missing from \/p\/01-x — add the file there/,
    ],
    ["an asset that escapes the pack", lesson(goodStep, "assets: [../../etc/passwd]\n"), /points outside the lesson's asset folder/],
    ["a task step without checks", lesson(goodStep.replace(/ {4}checks:\n.*\n.*\n/, "")), /a task step needs at least one check/],
  ])("reports %s", (_name, text, expected) => {
    expect(problems(text)).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });

  it("reports an asset that is a link leading out of the folder", () => {
    const files: LessonFiles = { realPath: (path) => ({ "/p/01-x": "/p/01-x", "/p/01-x/page.html": "/etc/passwd" })[path] };
    expect(problems(lesson(goodStep, "assets: [page.html]\n"), {}, files)[0]).toMatch(/is a link that leads outside the asset folder/);
  });

  it("substitutes variables, with --var overriding defaults, before validating", () => {
    const withVars = lesson(
      goodStep.replace("ref: alpine", "ref: ${{ image }}:${{ tag }}"),
      "variables:\n  image: { default: alpine, description: d }\n  tag: { default: '3', description: t, kind: name }\n",
    );
    const parsed = parseLesson(withVars, "01-x.yaml", "/p/01-x", { tag: "edge" }, noAssets);
    expect(parsed.lesson?.steps[0]?.checks[0]).toEqual({ kind: "image", ref: "alpine:edge" });
    expect(parsed.variables).toEqual({ image: "alpine", tag: "edge" });
  });

  it("reads a port variable as a number where the format wants one", () => {
    const text = lesson(
      goodStep.replace(
        "      - kind: image\n        ref: alpine\n",
        "      - kind: container\n        name: web\n        ports: [{ container: '80', host: '${{ port }}' }]\n",
      ),
      "variables:\n  port: { default: 8080, description: p }\n",
    );
    const parsed = parseLesson(text, "01-x.yaml", "/p/01-x", { port: "8081" }, noAssets);
    expect(parsed.problems).toEqual([]);
    expect(parsed.lesson?.steps[0]?.checks[0]).toMatchObject({ ports: [{ container: "80", host: 8081 }] });
  });
});

describe("parseVarOptions", () => {
  it.each([
    [["port=8081"], { values: { port: "8081" }, problems: [] }],
    [["a=b=c"], { values: { a: "b=c" }, problems: [] }],
    [["=x", "nope"], { values: {}, problems: ['"=x" is not NAME=VALUE', '"nope" is not NAME=VALUE'] }],
  ])("%j", (pairs, expected) => {
    expect(parseVarOptions(pairs)).toEqual(expected);
  });

  it("a shell: action is refused where it is written unless the pack is trusted; built-in lessons never are", () => {
    const withShell = lesson(goodStep.replace("    checks:", '    solution:\n      - shell: "echo hi > x"\n    checks:'));
    const refused = parseLesson(withShell, "01-x.yaml", "/p/01-x", {}, noAssets);
    expect(refused.lesson).toBeUndefined();
    expect(refused.problems.map(formatProblem)).toEqual([
      expect.stringMatching(
        /^01-x\.yaml:\d+:16: step "a" runs a host shell command \(`echo hi > x`\).* run docker-tutor with --trust-pack$/,
      ),
    ]);
    expect(parseLesson(withShell, "01-x.yaml", "/p/01-x", {}, noAssets, true).lesson).toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), "dtt-builtin-shell-"));
    writeFileSync(join(dir, "01-x.yaml"), withShell);
    expect(loadLessonFile(join(dir, "01-x.yaml"), "built-in", {}, true).entry).toBeUndefined();
    expect(loadLessonFile(join(dir, "01-x.yaml"), dir, {}, true).entry?.shellAllowed).toBe(true);
  });
});

describe("parseLesson: --var values by kind", () => {
  const withPort = lesson(
    goodStep.replace("    checks:", '    solution:\n      - run: "docker run -d -p ${{ port }}:80 nginx"\n    checks:'),
    "variables:\n  port: { default: 8080, description: p }\n",
  );

  it("refuses a value that does not fit, at the variable, naming it", () => {
    expect(problems(withPort, { port: "80 -v /:/host" })).toEqual([
      expect.stringMatching(
        /^01-x\.yaml:9:3: --var port="80 -v \/:\/host" does not fit the port it sets: a port is a number from 1 to 65535 — give port a value that fits$/,
      ),
    ]);
  });

  it("takes a value that fits, as one argument of the run: line", () => {
    const parsed = parseLesson(withPort, "01-x.yaml", "/p/01-x", { port: "8081" }, noAssets);
    expect(parsed.problems).toEqual([]);
    expect(parsed.lesson?.steps[0]?.solution[0]).toEqual({ run: "docker run -d -p 8081:80 nginx" });
  });
});

describe("parseLesson: the pack policy on run: commands", () => {
  const hostile = lesson(
    goodStep.replace("    checks:", '    solution:\n      - run: "docker container run -v /:/host alpine chroot /host true"\n    checks:'),
  );

  it("refuses a command that breaks it in an untrusted pack, at the words that break it, naming the rule", () => {
    expect(problems(hostile)).toEqual([
      '01-x.yaml:14:39: step "a" runs a command an untrusted lesson pack may not: it would mount a host path from outside the lesson\'s workspace (`/:/host`) — change the command; if you trust the pack, run docker-tutor with --trust-pack',
    ]);
  });

  it("lets a trusted pack, and a lesson not held to it, run the command as written", () => {
    expect(parseLesson(hostile, "01-x.yaml", "/p/01-x", {}, noAssets, true).problems).toEqual([]);
    expect(parseLesson(hostile, "01-x.yaml", "/p/01-x", {}, noAssets, false, false).problems).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), "dtt-builtin-policy-"));
    writeFileSync(join(dir, "01-x.yaml"), hostile);
    expect(loadLessonFile(join(dir, "01-x.yaml"), "built-in", {}).problems).toEqual([]);
    expect(loadLessonFile(join(dir, "01-x.yaml"), dir, {}).problems).toHaveLength(1);
  });

  it("expands the step's captures and the nodes' addresses as stand-ins: joining the lesson's own node passes, another host does not", () => {
    const join = (remote: string) =>
      lesson(
        goodStep.replace(
          "    checks:",
          `    solution:\n      - run: docker swarm join-token -q worker\n        node: node1\n        capture: TOKEN\n      - run: docker swarm join --token $TOKEN ${remote}\n        node: node2\n    checks:`,
        ),
        "requires: { nodes: 2 }\n",
      );
    expect(problems(join("$NODE1_ADDR:2377"))).toEqual([]);
    expect(problems(join("203.0.113.7:2377"))).toEqual([
      expect.stringMatching(
        /^01-x\.yaml:\d+:\d+: step "a" runs a command .* join a swarm other than the one on the lesson's playground nodes \(`203\.0\.113\.7:2377`\)/,
      ),
    ]);
  });

  it("the built-in lessons keep to it, so `validate lessons` passes without --trust-pack", () => {
    const found = lessonFilesIn(builtInLessonsDir()).flatMap((file) =>
      parseLesson(readFileSync(file, "utf8"), file, file.replace(/\.yaml$/, ""), {}, realFiles, false, true).problems.map(formatProblem),
    );
    expect(found).toEqual([]);
    expect(lessonFilesIn(builtInLessonsDir()).length).toBeGreaterThanOrEqual(5);
  });
});
