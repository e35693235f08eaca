import { ExitCode } from "../errors.js";

export interface InterruptOptions {
  /** The first Ctrl-C: cut what runs; the command then finishes tidily (saves, says what is left). */
  readonly first?: () => void;
  /** What to say when a further Ctrl-C ends the process at once. */
  readonly atOnce: () => string;
  /** Ctrl-Cs already pressed (one when the lesson's prompt took the first). */
  readonly pressed?: number;
  readonly stderr?: NodeJS.WritableStream;
  readonly source?: NodeJS.EventEmitter;
  readonly exit?: (code: number) => void;
}

/**
 * Ctrl-C, the tutor's way: the first stops what runs and lets the command end tidily; a second
 * does not wait for that and exits at once, saying what it left. Progress is written atomically
 * after every change, so exiting at any moment never leaves half a file. Returns the way to stop
 * listening.
 */
export function onInterrupt(options: InterruptOptions): () => void {
  return countInterrupts(interruptHandler(options), options.source);
}

/**
 * The same decision for Ctrl-Cs that arrive some other way than the process's SIGINT (a terminal
 * in raw mode reports them through readline): call the result on each.
 */
export function interruptHandler(options: InterruptOptions): () => void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let pressed = options.pressed ?? 0;
  return () => {
    pressed += 1;
    if (pressed === 1 && options.first) {
      options.first();
      return;
    }
    (options.stderr ?? process.stderr).write(`\n${options.atOnce()}\n`);
    exit(ExitCode.interrupted);
  };
}

/** Calls `each` with the count on every Ctrl-C the process receives, until the returned function is called. */
export function countInterrupts(each: (pressed: number) => void, source: NodeJS.EventEmitter = process): () => void {
  let pressed = 0;
  const listener = () => each(++pressed);
  source.on("SIGINT", listener);
  return () => {
    source.off("SIGINT", listener);
  };
}
