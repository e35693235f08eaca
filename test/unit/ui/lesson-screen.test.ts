import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { LessonEvent } from "../../../src/engine/events.js";
import { type Lesson, lessonSchema } from "../../../src/lessons/schema.js";
import { LessonScreen } from "../../../src/ui/lesson-screen.js";
import { createTextRenderer } from "../../../src/ui/text-renderer.js";
import { createTheme } from "../../../src/ui/theme.js";

const lesson: Lesson = lessonSchema.parse({
  format: 1,
  id: "screen",
  number: 7,
  slug: "screen",
  title: "Screen",
  summary: "s",
  minutes: 1,
  steps: [
    {
      id: "quiz",
      title: "Which network?",
      kind: "quiz",
      text: "List them with `docker network ls`.",
      commands: ["docker network ls"],
      quiz: { type: "select", question: "Which network?", choices: ["bridge", "host"], answer: "bridge", explanation: "why" },
    },
    { id: "task", title: "Task", text: "t", commands: ["docker network ls"], checks: [{ kind: "image", ref: "a" }] },
  ],
});

/** The lesson's screen on fake terminal streams: what it dispatches, runs and prints. */
function screen() {
  const stdin = new PassThrough() as unknown as NodeJS.ReadStream;
  const stdout = new PassThrough() as unknown as NodeJS.WriteStream & PassThrough;
  let printed = "";
  stdout.on("data", (chunk: Buffer) => {
    printed += chunk.toString();
  });
  const events: LessonEvent[] = [];
  const ran: string[] = [];
  const s = new LessonScreen({
    stdin,
    stdout,
    text: createTextRenderer(() => 80, createTheme(false)),
    lessonTitle: lesson.title,
    lessonNumber: lesson.number,
    dispatch: (event) => events.push(event),
    runCommand: async (line) => {
      ran.push(line);
      return { exitCode: 0, stopped: false };
    },
    quit: () => events.push({ type: "key", key: "quit" }),
    interrupted: () => undefined,
  });
  s.open();
  const type = async (line: string) => {
    (stdin as unknown as PassThrough).write(`${line}\r`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  };
  return { s, events, ran, type, printed: () => printed };
}

describe("the lesson's prompt", () => {
  it("at a quiz: a docker command runs as a command, never an answer; a number or text is the answer", async () => {
    const h = screen();
    const [quiz, task] = lesson.steps;
    if (!quiz?.quiz || !task) throw new Error("fixture");
    h.s.show({ type: "step", index: 0, total: 2, step: quiz });
    h.s.show({ type: "quiz", step: quiz, quiz: quiz.quiz, choices: ["host", "bridge"] });
    expect(h.printed()).toMatch(/Run the command above first, then answer\.\n\? Which network\?\n {2}1\. host\n {2}2\. bridge\n/);
    await h.type("docker network inspect bridge");
    await h.type("$ docker network ls");
    expect(h.ran).toEqual(["docker network inspect bridge", "docker network ls"]);
    expect(h.events.filter((e) => e.type === "answer")).toEqual([]);
    expect(h.events.filter((e) => e.type === "command").map((e) => e.type === "command" && e.line)).toEqual(h.ran);
    await h.type("2");
    await h.type("host");
    expect(h.events.filter((e) => e.type === "answer")).toEqual([
      { type: "answer", value: "2" },
      { type: "answer", value: "host" },
    ]);
    h.s.close();
  });

  it("at a task: Enter goes on only once the step is done; curl, exit and help are answered in a sentence", async () => {
    const h = screen();
    const task = lesson.steps[1];
    if (!task) throw new Error("fixture");
    h.s.show({ type: "step", index: 1, total: 2, step: task });
    await h.type("");
    expect(h.events).toEqual([]);
    await h.type("curl http://localhost:8080/");
    await h.type("exit");
    await h.type("help");
    const printed = h.printed();
    expect(printed).toContain("curl runs in your own shell, in another terminal");
    expect(printed).toContain("You are at the tutor's prompt, not in a shell");
    expect(printed).toMatch(/h {2}next hint/);
    expect(h.events).toEqual([]);
    h.s.show({ type: "passed", step: task, results: [], trigger: { kind: "start" } });
    h.s.show({ type: "waiting", step: task, index: 1 });
    expect(h.printed()).toMatch(/✔ Already done before this step: Task\n[^✔]*Enter: next step/);
    await h.type("");
    expect(h.events).toEqual([{ type: "continue", stepIndex: 1 }]);
    h.s.close();
  });

  it("never prints ✔ beside a wrong answer", () => {
    const h = screen();
    const quiz = lesson.steps[0];
    if (!quiz) throw new Error("fixture");
    h.s.show({ type: "quiz-result", step: quiz, verdict: "wrong", correct: false, expected: "bridge", explanation: "why" });
    h.s.show({ type: "quiz-result", step: quiz, verdict: "shown", correct: false, expected: "bridge", explanation: "why" });
    expect(h.printed()).toContain("✖ Not quite — try again (or s to see the answer).");
    expect(h.printed()).toContain("The answer: bridge.");
    expect(h.printed()).not.toContain("✔");
    expect(h.printed()).not.toMatch(/Not quite[^\n]*bridge/);
    h.s.close();
  });
});
