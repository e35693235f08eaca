import { terminalSafe } from "../docker/terminal-safe.js";
import type { LessonOutput } from "../engine/events.js";
import type { Quiz, Step } from "../lessons/schema.js";
import type { ShellKind } from "../shells/learner-shell.js";
import { variantNote } from "../shells/shell-variant.js";
import { wrappedResults } from "./check-results.js";
import { placeCommands, placeHeading } from "./command-places.js";
import type { TextRenderer } from "./text-renderer.js";
import { hanging } from "./wrap.js";

export interface LessonHeading {
  readonly lessonNumber: number;
  readonly lessonTitle: string;
  /** The learner's own shell: under a command it would not run as shown, the Type: block adds its line. */
  readonly shell?: ShellKind;
}

const TASK_KEYS = "h hint · s solution · r run it for me · c check · k skip · q quit · help";
const CHALLENGE_LINE = "Challenge: no commands this time. h for a hint.";
const DONE_KEYS = "Enter: next step · q quit · docker commands still run here";

/** What the lesson's screen prints for one output of the engine (the quit line excepted: see LessonScreen). Pure. */
export function formatOutput(output: LessonOutput, text: TextRenderer, heading: LessonHeading): string {
  const t = text.theme;
  switch (output.type) {
    case "step":
      return formatStep(output.step, output.index, output.total, text, heading);
    case "quiz":
      return formatQuiz(output.step, output.quiz, output.choices, text);
    case "passed": {
      const said = output.trigger.kind === "start" ? "Already done before this step:" : "Done:";
      return `${text.sentence(t.green(`${said} ${output.step.title}`), hanging(`${t.ok} `))}${wrappedResults(output.results, text)}`;
    }
    case "not-yet":
      return `${t.fail} Not yet:\n${wrappedResults(
        output.results.filter((r) => !r.pass),
        text,
      )}`;
    case "waiting":
      return text.sentence(t.dim(DONE_KEYS));
    case "hint":
      return text.markdown(output.text, hanging(`${t.yellow(`Hint ${output.number}/${output.total}:`)} `));
    case "diagnosis":
      return `${text.sentence("No more hints. What the daemon shows right now:")}${wrappedResults(output.results, text)}`;
    case "solution":
      return `${t.dim("One way to do it:")}\n${output.commands.map((c) => text.command(`$ ${c}`, { first: "  ", rest: "      " })).join("")}`;
    case "skipped":
      return text.sentence(t.dim(`Skipped: ${output.step.title}`));
    case "quiz-result":
      return formatQuizResult(output, text);
    // Notices and warnings may quote the daemon (why it was lost, why a name could not be freed).
    case "notice":
      return text.sentence(terminalSafe(output.message));
    case "warning":
      return text.sentence(terminalSafe(output.message), hanging(`${t.warn} `));
    case "lesson-done":
      return formatLessonDone(output, text, heading.lessonNumber);
    case "quit":
      return text.sentence(t.dim(`Progress saved. Pick up where you left off with: docker-tutor lesson ${heading.lessonNumber}`));
  }
}

function formatStep(step: Step, index: number, total: number, text: TextRenderer, heading: LessonHeading): string {
  const t = text.theme;
  const rule = text.sentence(t.dim(`── Lesson ${heading.lessonNumber} · ${heading.lessonTitle} · step ${index + 1} of ${total} ──`));
  // A quiz's own line of keys comes with its question.
  const keys = step.kind === "quiz" ? "" : text.sentence(t.dim(TASK_KEYS));
  // A challenge's goal is its text: the commands are the learner's to find, with hints on the way.
  const todo = step.kind === "challenge" ? text.sentence(t.yellow(CHALLENGE_LINE)) : typeBlock(step.commands, text, heading.shell);
  return `\n${rule}${text.sentence(t.bold(step.title))}\n${text.markdown(step.text)}\n${todo}${keys}`;
}

/**
 * The step's commands, grouped by where each is typed: here, the learner's own shell, a container's
 * shell, a node's. Under a line for the learner's shell that their shell would not run as shown, its
 * variant (cmd, PowerShell, Git Bash).
 */
export function typeBlock(commands: readonly string[], text: TextRenderer, shell: ShellKind = "bash"): string {
  const line = (shown: string, mine: boolean) => {
    const note = mine && shell !== "bash" ? variantNote(shown.replace(/^\$ /, ""), shell) : undefined;
    return `${text.command(shown, { first: "  ", rest: "      " })}${note ? text.sentence(text.theme.dim(note), { first: "    ", rest: "      " }) : ""}`;
  };
  return placeCommands(commands)
    .map((group) => {
      const mine = group.place.kind === "prompt" || group.place.kind === "own-shell";
      return `${text.sentence(text.theme.dim(placeHeading(group.place)))}${group.lines.map((shown) => line(shown, mine)).join("")}`;
    })
    .join("");
}

function formatQuiz(step: Step, quiz: Quiz, choices: readonly string[], text: TextRenderer): string {
  const t = text.theme;
  const first =
    step.commands.length === 0
      ? ""
      : `\n${text.sentence(`Run the command${step.commands.length > 1 ? "s" : ""} above first, then answer.`)}`;
  const question = text.markdown(quiz.question, hanging(`${t.yellow("?")} `));
  const listed = choices.map((choice, i) => text.markdown(choice, hanging(`  ${i + 1}. `))).join("");
  const how = quiz.type === "select" ? `Answer 1–${choices.length}` : "Type your answer";
  return `${first}${question}${listed}${text.sentence(t.dim(`${how} · h hint · s show the answer · k skip · q quit · help`))}`;
}

function formatQuizResult(output: Extract<LessonOutput, { type: "quiz-result" }>, text: TextRenderer): string {
  const t = text.theme;
  switch (output.verdict) {
    case "wrong":
      // Never the answer: the learner tries again, or asks for it with s.
      return text.sentence(`${t.fail} Not quite — try again (or s to see the answer).`);
    case "right":
      return text.markdown(output.explanation, { first: `${t.ok} ${t.green("Right.")} `, rest: "" });
    case "shown": {
      const answer =
        output.expected === ""
          ? "The answer could not be read from the daemon just now."
          : `The answer: ${output.step.quiz?.type === "select" ? output.expected : `\`${output.expected}\``}.`;
      return `${text.markdown(answer)}${text.markdown(output.explanation)}`;
    }
  }
}

function formatLessonDone(output: Extract<LessonOutput, { type: "lesson-done" }>, text: TextRenderer, lessonNumber: number): string {
  const t = text.theme;
  const { answered, right } = output.quizzes;
  const quizzes = answered === 0 ? "" : `; ${right} of ${answered} quiz answer${answered === 1 ? "" : "s"} right first time`;
  const counts = `${output.passed} of ${output.total} steps done${output.skipped ? `, ${output.skipped} skipped` : ""}${quizzes}`;
  const open = output.total - output.passed - output.skipped;
  // What the lesson made, and how to remove it, is said next by whoever ran the lesson, as after q.
  return open === 0
    ? `\n${text.sentence(`${t.bold(`Lesson ${lessonNumber} complete`)}: ${counts}.`, hanging(`${t.ok} `))}`
    : `\n${text.sentence(
        `${t.bold(`End of lesson ${lessonNumber}`)}: ${counts}; ${open} still open. ${t.dim(`docker-tutor lesson ${lessonNumber} starts at the first of them.`)}`,
        hanging(`${t.warn} `),
      )}`;
}
