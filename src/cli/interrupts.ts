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
  const source = options.source ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let pressed = options.pressed ?? 0;
  const listener = () => {
    pressed += 1;
    if (pressed === 1 && options.first) {
      options.first();
      return;
    }
    (options.stderr ?? process.stderr).write(`\n${options.atOnce()}\n`);
    exit(ExitCode.interrupted);
  };
  source.on("SIGINT", listener);
  return () => {
    source.off("SIGINT", listener);
  };
}
