import { clearLine, createInterface, cursorTo, type Interface } from "node:readline";
import type { LessonEvent, LessonOutput } from "../engine/events.js";
import type { ShellKind } from "../shells/learner-shell.js";
import { formatOutput } from "./lesson-output.js";
import { promptHelp, typedLineAdvice } from "./prompt-help.js";
import type { TextRenderer } from "./text-renderer.js";
import { readTypedLine } from "./typed-line.js";
import { hanging } from "./wrap.js";

const PROMPT = "docker-tutor ❯ ";

export interface LessonScreenOptions {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  /** Everything printed goes through it, wrapped to the terminal. */
  readonly text: TextRenderer;
  readonly lessonTitle: string;
  readonly lessonNumber: number;
  readonly dispatch: (event: LessonEvent) => void;
  /** The workspace as shown to the learner, when the lesson has one. */
  readonly workspace?: string;
  /** The learner's own shell, for the variants the Type: block shows. */
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
  /** Ctrl-C at the prompt: whoever runs the lesson decides (leave, or at once on a second). */
  readonly interrupted: () => void;
}

/** What a line typed at the prompt means now: a task's command, a quiz's answer, or Enter to go on. */
type Moment = { readonly kind: "task" } | { readonly kind: "quiz" } | { readonly kind: "done"; readonly index: number };

/**
 * The terminal face of a lesson: shows what the engine emits, turns keys, answers and typed
 * commands into events. It runs nothing itself: typed commands and Ctrl-C are handed to whoever
 * runs the lesson. A quiz is asked at the same prompt, so a docker command typed there still runs.
 */
export class LessonScreen {
  private rl: Interface | undefined;
  private busy = false;
  private held: LessonOutput[] = [];
  private stepIndex = 0;
  private moment: Moment = { kind: "task" };
  private toldWorkspace = false;

  constructor(private readonly o: LessonScreenOptions) {}

  open(): void {
    if (this.o.workspace !== undefined && !this.toldWorkspace) {
      this.toldWorkspace = true;
      const t = this.o.text.theme;
      this.o.stdout.write(
        this.o.text.sentence(
          `${t.dim("This lesson's files are in")} \`${this.o.workspace}\`${t.dim(": commands typed here run there. In another terminal, first")} \`cd ${this.o.workspace}\`${t.dim(".")}`,
        ),
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
    const typed = readTypedLine(raw);
    switch (typed.kind) {
      case "empty":
        if (this.moment.kind === "done") this.o.dispatch({ type: "continue", stepIndex: this.moment.index });
        else this.rl?.prompt();
        return;
      case "key":
        if (typed.key === "quit") this.o.quit();
        else this.o.dispatch({ type: "key", key: typed.key });
        return;
      case "help":
        this.print(promptHelp(this.o.text));
        return;
      case "docker":
        void this.runCommand(typed.line);
        return;
      case "other":
        // At a quiz, anything but a docker command or a key is the answer.
        if (this.moment.kind === "quiz") {
          this.o.dispatch({ type: "answer", value: typed.line });
          return;
        }
        break;
    }
    const advice = typedLineAdvice(typed);
    if (advice) this.print(this.o.text.sentence(advice, hanging(`${this.o.text.theme.warn} `)));
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
    const text = this.o.text;
    const warn = hanging(`${text.theme.warn} `);
    if (stopped) {
      this.o.stdout.write(
        `\n${text.sentence(`Stopped \`${line}\`. ${text.theme.dim("Your place in the lesson is kept; Ctrl-C at the prompt (or q) leaves it.")}`, warn)}`,
      );
    } else if (exitCode === 127) {
      this.o.stdout.write(text.sentence("The docker CLI is not installed here: type the command in another terminal that has it.", warn));
    } else if (exitCode !== 0 && this.o.afterFailure) {
      const tip = await this.o.afterFailure(line).catch(() => undefined);
      if (tip) this.o.stdout.write(text.sentence(tip, warn));
    }
    this.rl?.resume();
    this.o.dispatch({ type: "command", line, exitCode, stepIndex: typedAt });
    const held = this.held;
    this.held = [];
    for (const output of held) this.show(output);
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

  /** A line of the tutor's own work ("r": each command it runs), where the prompt was: what it runs prints below. */
  note(line: string): void {
    this.print(this.o.text.command(line, { first: "", rest: "    " }), false);
  }

  show(output: LessonOutput): void {
    if (this.busy && output.type !== "quit") {
      this.held.push(output);
      return;
    }
    this.follow(output);
    const heading = {
      lessonNumber: this.o.lessonNumber,
      lessonTitle: this.o.lessonTitle,
      ...(this.o.learnerShell ? { shell: this.o.learnerShell } : {}),
    };
    // A quiz step's question comes next and draws the prompt; after the lesson's end or q, no prompt.
    const promptAfter = !(output.type === "step" && output.step.kind === "quiz") && output.type !== "lesson-done" && output.type !== "quit";
    this.print(formatOutput(output, this.o.text, heading), promptAfter);
  }

  /** Which moment of the step the learner is in, as the engine says it. */
  private follow(output: LessonOutput): void {
    if (output.type === "step") {
      this.stepIndex = output.index;
      this.moment = { kind: "task" };
    } else if (output.type === "quiz") this.moment = { kind: "quiz" };
    else if (output.type === "waiting") this.moment = { kind: "done", index: output.index };
  }
}
