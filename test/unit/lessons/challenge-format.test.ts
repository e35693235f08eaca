import { describe, expect, it } from "vitest";
import { formatProblem } from "../../../src/lessons/lesson-problems.js";
import { type LessonFiles, parseLesson } from "../../../src/lessons/load.js";

const noAssets: LessonFiles = { realPath: (path) => (path === "/p/01-x" ? "/p/01-x" : undefined) };

const lesson = (step: string) => `format: 1
id: x
number: 1
slug: x
title: T
summary: S
minutes: 5
variables:
  msg: { default: two words, description: d }
steps:
${step}`;

/** A challenge with one of everything; `change` edits it into the case under test. */
const challenge = `  - id: c
    title: C
    kind: challenge
    text: Reach the goal.
    hints: [look, do]
    solution:
      - run: docker run --name box alpine echo hi
    alternatives:
      - - run: docker create --name box alpine echo hi
        - run: docker start -a box
    wrongAttempts:
      - title: says another thing
        actions:
          - run: docker run --name box alpine echo \${{ msg }}
        fails: did not print
    checks:
      - kind: container
        name: box
        logsContain: hi
`;

function parse(text: string) {
  const parsed = parseLesson(text, "01-x.yaml", "/p/01-x", {}, noAssets);
  return { lesson: parsed.lesson, problems: parsed.problems.map(formatProblem) };
}

describe("the lesson format: challenge steps", () => {
  it("loads a challenge with its alternatives and wrong attempts", () => {
    const { lesson: loaded, problems } = parse(lesson(challenge));
    expect(problems).toEqual([]);
    const step = loaded?.steps[0];
    expect(step?.kind).toBe("challenge");
    expect(step?.alternatives).toHaveLength(1);
    expect(step?.wrongAttempts[0]?.fails).toBe("did not print");
  });

  it("quotes a variable in a wrong attempt's command as in a solution: one word stays one argument", () => {
    const run = parse(lesson(challenge)).lesson?.steps[0]?.wrongAttempts[0]?.actions[0];
    expect(run).toEqual({ run: "docker run --name box alpine echo 'two words'" });
  });

  it.each([
    ["a challenge without a solution", challenge.replace(/ {4}solution:\n.*\n/, ""), /a challenge needs a solution/],
    ["a challenge without hints", challenge.replace("    hints: [look, do]\n", ""), /a challenge shows no commands: give hints/],
    ["alternatives on a task step", challenge.replace("kind: challenge", "kind: task"), /alternatives are for challenge steps/],
    ["a wrong attempt without fails", challenge.replace("        fails: did not print\n", ""), /missing field "fails"/],
    ["a wrong attempt with no actions", challenge.replace(/ {8}actions:\n.*\n/, "        actions: []\n"), /give at least one action/],
    [
      "an alternative that repeats the solution",
      challenge.replace(
        "      - - run: docker create --name box alpine echo hi\n        - run: docker start -a box\n",
        "      - - run: docker run --name box alpine echo hi\n",
      ),
      /^01-x\.yaml:\d+:\d+: alternative 1 of step "c" repeats its solution — make it a different way/,
    ],
    [
      "an alternative that writes outside the workspace",
      challenge.replace("        - run: docker start -a box\n", "        - write: { path: ../../.bashrc, content: x }\n"),
      /step "c" \(its alternative 1\) names a file outside the learner's workspace/,
    ],
    [
      "a host shell command in a wrong attempt of an untrusted pack",
      challenge.replace("          - run: docker run --name box alpine echo ${{ msg }}\n", "          - shell: rm -rf ~\n"),
      /step "c" runs a host shell command/,
    ],
  ])("reports %s", (_name, step, expected) => {
    expect(parse(lesson(step)).problems).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });

  it("holds a wrong attempt of an untrusted pack to the pack policy, at its line", () => {
    const step = challenge.replace("alpine echo ${{ msg }}", "-v /:/host alpine echo ${{ msg }}");
    const { problems } = parse(lesson(step));
    expect(problems).toEqual([expect.stringMatching(/^01-x\.yaml:24:\d+: step "c" runs a command an untrusted lesson pack may not/)]);
  });
});
