/** Where a question is asked; the process's terminal when absent. */
export interface PromptStreams {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
}

// Inquirer is imported where a question is asked: its import alone costs ~50 ms of every start.

/** Inquirer marks an answered question with a green ✔ whatever the answer ("Remove them? No"): a plain ? instead. */
const theme = { prefix: "?" };

/** A yes/no question whose answer is no unless the learner says yes. */
export async function askYes(message: string, streams?: PromptStreams): Promise<boolean> {
  const { confirm } = await import("@inquirer/prompts");
  return confirm({ message, default: false, theme }, streams);
}

/** One of a list, with `preselected` highlighted so Enter takes it. */
export async function pickOne(
  message: string,
  choices: readonly { readonly name: string; readonly value: string }[],
  preselected: string | undefined,
  streams: PromptStreams,
): Promise<string> {
  const { select } = await import("@inquirer/prompts");
  return select({ message, choices: [...choices], theme, ...(preselected === undefined ? {} : { default: preselected }) }, streams);
}
