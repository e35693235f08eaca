import { clearLine, createInterface, cursorTo, type Interface } from "node:readline";
import type { LessonEvent, LessonKey, LessonOutput } from "../engine/events.js";
import type { Quiz } from "../lessons/schema.js";
import type { ShellKind } from "../shells/learner-shell.js";
import { typeBlockNotes } from "../shells/type-block-notes.js";
import { renderResults } from "./check-results.js";
import { type Theme, withCode } from "./theme.js";

/**
 * One-letter lines that act as keys. They need Enter: acting on the first keypress would turn the
 * `c` of `cp` into a check, or the `r` of `rm` into "run it for me".
 */
const KEYS: Readonly<Record<string, LessonKey>> = { h: "hint", s: "solution", r: "run", k: "skip", c: "check", q: "quit" };
const PROMPT = "docker-tutor ❯ ";

export interface LessonScreenOptions {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly theme: Theme;
  readonly lessonTitle: string;
  readonly lessonNumber: number;
  readonly renderMarkdown: (markdown: string) => string;
  readonly dispatch: (event: LessonEvent) => void;
  /** Asks a quiz question (an Inquirer prompt) and resolves with the answer. */
  readonly ask: (quiz: Quiz) => Promise<string>;
  /** The workspace as shown to the learner, when the lesson has one. */
  readonly workspace?: string;
  /** The learner's own shell: the Type: block adds its line under a command it would not run as shown. */
  readonly learnerShell?: ShellKind;
  /** After a typed command failed: one more sentence of help, if there is one (an image that could not be pulled). */
  readonly afterFailure?: (line: string) => Promise<string | undefined>;
  /**
   * Runs a typed docker command, which owns the terminal until it ends; `stopped` when Ctrl-C cut it
   * (that Ctrl-C is the command's, not the lesson's).
   */
  readonly runCommand: (line: string) => Promise<{ exitCode: number; stopped: boolean }>;
  /** `q`: leave the lesson. */
  readonly quit: () => void;
  /** Ctrl-C at the prompt or at a question: whoever runs the lesson decides (leave, or at once on a second). */
  readonly interrupted: () => void;
}

/**
 * The terminal face of a lesson: shows what the engine emits, turns keys and typed commands into
 * events. It runs nothing itself: typed commands and Ctrl-C are handed to whoever runs the lesson.
 */
export class LessonScreen {
  private rl: Interface | undefined;
  private busy = false;
  private held: LessonOutput[] = [];
  private stepIndex = 0;
  private toldWorkspace = false;

  constructor(private readonly o: LessonScreenOptions) {}

  open(): void {
    if (this.o.workspace !== undefined && !this.toldWorkspace) {
      this.toldWorkspace = true;
      const t = this.o.theme;
      this.o.stdout.write(
        `${t.dim("This lesson's files are in")} ${t.code(this.o.workspace)}${t.dim(
          ": commands typed here run there. In another terminal, first",
        )} ${t.code(`cd ${this.o.workspace}`)}${t.dim(".")}\n`,
      );
    }
    this.rl = createInterface({ input: this.o.stdin, output: this.o.stdout, prompt: PROMPT, terminal: true, historySize: 100 });
    const rl = this.rl;
    rl.on("line", (line) => this.onLine(line));
    rl.on("SIGINT", () => this.o.interrupted());
  }

  close(): void {
    this.rl?.close();
    this.rl = undefined;
  }

  private onLine(raw: string): void {
    const line = raw.trim();
    if (line === "") {
      this.rl?.prompt();
      return;
    }
    const key = KEYS[line.toLowerCase()];
    if (key === "quit") {
      this.o.quit();
      return;
    }
    if (key) {
      this.o.dispatch({ type: "key", key });
      return;
    }
    // `MSYS_NO_PATHCONV=1 docker …`, the Git Bash line the Type: block shows, is a docker command too.
    if (!/^(?:[A-Za-z_]\w*=\S*\s+)*docker(\s|$)/.test(line)) {
      this.print(
        `${this.o.theme.warn} Only docker commands run here. Run ${withCode(this.o.theme, `\`${line.split(/\s+/)[0]}\``)} in your own shell.\n`,
      );
      return;
    }
    void this.runCommand(line);
  }

  /** The learner's own command, with the terminal handed over to it while it runs. */
  private async runCommand(line: string): Promise<void> {
    this.busy = true;
    const typedAt = this.stepIndex;
    this.rl?.pause();
    const stdin = this.o.stdin;
    if (stdin.isTTY) stdin.setRawMode(false);
    const { exitCode, stopped } = await this.o.runCommand(line);
    if (stdin.isTTY) stdin.setRawMode(true);
    this.busy = false;
    const t = this.o.theme;
    if (stopped) {
      this.o.stdout.write(
        `\n${t.warn} Stopped ${withCode(t, `\`${line}\``)}. ${t.dim("Your place in the lesson is kept; Ctrl-C at the prompt (or q) leaves it.")}\n`,
      );
    } else if (exitCode === 127) {
      this.o.stdout.write(`${t.warn} The docker CLI is not installed here: type the command in another terminal that has it.\n`);
    } else if (exitCode !== 0 && this.o.afterFailure) {
      const tip = await this.o.afterFailure(line).catch(() => undefined);
      if (tip) this.o.stdout.write(`${t.warn} ${withCode(t, tip)}\n`);
    }
    this.rl?.resume();
    this.o.dispatch({ type: "command", line, exitCode, stepIndex: typedAt });
    const held = this.held;
    this.held = [];
    for (const output of held) void this.show(output);
    this.rl?.prompt();
  }

  /** Prints above the prompt, keeping whatever the learner was typing. */
  private print(text: string, promptAfter = true): void {
    if (this.busy) {
      this.o.stdout.write(text);
      return;
    }
    clearLine(this.o.stdout, 0);
    cursorTo(this.o.stdout, 0);
    this.o.stdout.write(text);
    if (promptAfter) this.rl?.prompt(true);
  }

  async show(output: LessonOutput): Promise<void> {
    if (this.busy && output.type !== "quit") {
      this.held.push(output);
      return;
    }
    const t = this.o.theme;
    switch (output.type) {
      case "step": {
        const { step, index, total } = output;
        this.stepIndex = index;
        const rule = t.dim(`── Lesson ${this.o.lessonNumber} · ${this.o.lessonTitle} · step ${index + 1} of ${total} ──`);
        const notes = typeBlockNotes(step.commands, this.o.learnerShell ?? "bash");
        const shellLine = (note: string | undefined) => (note ? `\n    ${t.dim(note)}` : "");
        const commands =
          step.commands.length > 0
            ? `${t.dim("Type:")}\n${step.commands.map((c, i) => `  ${t.code(/^\S+ \$ /.test(c) ? c : `$ ${c}`)}${shellLine(notes[i])}`).join("\n")}\n`
            : "";
        const keys = t.dim(
          step.kind === "quiz"
            ? ""
            : "h hint · s solution · r run it for me · c check · k skip · q quit (a letter, then Enter) — or type a docker command here\n",
        );
        // A quiz's question comes next and owns the line, so no prompt is drawn for it.
        this.print(`\n${rule}\n${t.bold(step.title)}\n\n${this.o.renderMarkdown(step.text)}\n${commands}${keys}`, step.kind !== "quiz");
        return;
      }
      case "passed":
        this.print(`${t.ok} ${t.green(`Done: ${output.step.title}`)}\n${renderResults(output.results, t)}`);
        return;
      case "not-yet":
        this.print(
          `${t.fail} Not yet:\n${renderResults(
            output.results.filter((r) => !r.pass),
            t,
          )}`,
        );
        return;
      case "hint":
        this.print(`${t.yellow(`Hint ${output.number}/${output.total}:`)} ${withCode(t, output.text)}\n`);
        return;
      case "diagnosis":
        this.print(`No more hints. What the daemon shows right now:\n${renderResults(output.results, t)}`);
        return;
      case "solution":
        this.print(`${t.dim("One way to do it:")}\n${output.commands.map((c) => `  ${t.code(`$ ${c}`)}`).join("\n")}\n`);
        return;
      case "skipped":
        this.print(`${t.dim(`Skipped: ${output.step.title}`)}\n`);
        return;
      case "quiz":
        return this.askQuiz(output.quiz);
      case "quiz-result":
        this.print(
          `${output.correct ? `${t.ok} ${t.green("Right.")}` : `${t.fail} Not quite: the answer is ${withCode(t, `\`${output.expected}\``)}.`} ${withCode(t, output.explanation)}\n`,
        );
        return;
      case "warning":
        this.print(`${t.warn} ${withCode(t, output.message)}\n`);
        return;
      case "lesson-done": {
        // What the lesson made, and how to remove it, is said next by whoever ran the lesson, as after q.
        const counts = `${output.passed} of ${output.total} steps done${output.skipped ? `, ${output.skipped} skipped` : ""}`;
        const open = output.total - output.passed - output.skipped;
        this.print(
          open === 0
            ? `\n${t.ok} ${t.bold(`Lesson ${this.o.lessonNumber} complete`)}: ${counts}.\n`
            : `\n${t.warn} ${t.bold(`End of lesson ${this.o.lessonNumber}`)}: ${counts}; ${open} still open. ${t.dim(`docker-tutor lesson ${this.o.lessonNumber} starts at the first of them.`)}\n`,
          false,
        );
        return;
      }
      case "quit":
        // What the lesson made, and how to remove it, is said next by whoever ran the lesson: it needs the daemon.
        this.print(`${t.dim(`Progress saved. Pick up where you left off with: docker-tutor lesson ${this.o.lessonNumber}`)}\n`, false);
        return;
    }
  }

  /** Inquirer owns the terminal for a question; our prompt steps aside and comes back after. */
  private async askQuiz(quiz: Quiz): Promise<void> {
    this.close();
    let answer: string;
    try {
      answer = await this.o.ask(quiz);
    } catch {
      // Inquirer gives up on Ctrl-C
      this.open();
      this.o.interrupted();
      return;
    }
    this.open();
    this.o.dispatch({ type: "answer", value: answer });
  }
}
