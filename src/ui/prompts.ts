import type { Quiz } from "../lessons/schema.js";

/** Where a question is asked; the process's terminal when absent. */
export interface PromptStreams {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
}

// Inquirer is imported where a question is asked: its import alone costs ~50 ms of every start.

/** A quiz's question: pick one of its choices, or type an answer. */
export async function askQuiz(quiz: Quiz, streams: PromptStreams): Promise<string> {
  const { input, select } = await import("@inquirer/prompts");
  if (quiz.type === "select") {
    return select({ message: quiz.question, choices: (quiz.choices ?? []).map((c) => ({ name: c, value: c })) }, streams);
  }
  return input({ message: quiz.question }, streams);
}

/** A yes/no question whose answer is no unless the learner says yes. */
export async function askYes(message: string, streams?: PromptStreams): Promise<boolean> {
  const { confirm } = await import("@inquirer/prompts");
  return confirm({ message, default: false }, streams);
}

/** One of a list, with `preselected` highlighted so Enter takes it. */
export async function pickOne(
  message: string,
  choices: readonly { readonly name: string; readonly value: string }[],
  preselected: string | undefined,
  streams: PromptStreams,
): Promise<string> {
  const { select } = await import("@inquirer/prompts");
  return select({ message, choices: [...choices], ...(preselected === undefined ? {} : { default: preselected }) }, streams);
}
