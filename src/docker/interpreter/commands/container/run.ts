import { type CommandIO, defineCommand } from "../../command.js";
import type { EngineTransport } from "../../transport.js";
import { fromDaemon, isDaemonAnswer, reportRunError } from "../shared/daemon-failure.js";
import { sendForNothing, withId } from "../shared/send-call.js";
import { type AttachedOutput, attachOutput } from "./attach-output.js";
import { createContainer } from "./create-container.js";
import { type ContainerIntentInput, type CreateIntent, RUN_FLAGS, toCreateIntent } from "./create-intent.js";
import { orderedRunCalls, runCalls } from "./create-plan.js";
import { registerWait, type Waiting } from "./wait-exit.js";

/**
 * `docker run` as docker/cli run.go does it: create (pull on "No such image", then create again),
 * attach unless -d, wait registered before start, start; the exit code is the container's.
 *
 * One deliberate difference: with -t while attached to stdin (`-it`), the CLI refuses "the input
 * device is not a TTY" when its own stdin is no terminal. The interpreter never has a terminal, so
 * it does not refuse: it creates the container with Tty:true, sends the -i text, and streams the
 * raw output (with a TTY the container echoes its input).
 */
export const runCommand = defineCommand<CreateIntent>({
  path: ["container", "run"],
  aliases: [["run"]],
  flags: RUN_FLAGS,
  interspersed: false,
  toIntent: (input: ContainerIntentInput) => toCreateIntent(input, "run"),
  plan: (intent) => orderedRunCalls(runCalls(intent)),
  execute: executeRun,
});

async function executeRun(intent: CreateIntent, engine: EngineTransport, io: CommandIO): Promise<number> {
  const calls = runCalls(intent);
  const created = await createContainer(engine, calls, intent.ref, io);
  if ("failure" in created) return reportRunError(created.failure, io);
  const streams = { tty: intent.tty, stdin: intent.interactive };
  let output: AttachedOutput | undefined;
  let waiting: Waiting;
  try {
    output = calls.attach ? await attachOutput(engine, withId(calls.attach, created.id), streams, io) : undefined;
    waiting = await registerWait(engine, withId(calls.wait, created.id));
  } catch (error) {
    output?.close();
    if (!isDaemonAnswer(error)) throw error;
    return reportRunError(fromDaemon(error), io);
  }
  try {
    await sendForNothing(engine, withId(calls.start, created.id));
  } catch (error) {
    output?.close();
    return startFailed(error, intent, waiting, io);
  }
  if (output === undefined) {
    waiting.cancel();
    io.stdout.write(`${created.id}\n`);
    return 0;
  }
  output.sendInput(io.stdin);
  await output.ended;
  const status = await waiting.status;
  if (status.error !== undefined) io.stderr.write(`${status.error}\n`);
  return status.code;
}

/** With --rm the CLI waits until the daemon has removed the container that could not start. */
async function startFailed(error: unknown, intent: CreateIntent, waiting: Waiting, io: CommandIO): Promise<number> {
  if (!isDaemonAnswer(error)) {
    waiting.cancel();
    throw error;
  }
  if (intent.autoRemove) await Promise.race([waiting.status, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
  waiting.cancel();
  return reportRunError(fromDaemon(error), io);
}
