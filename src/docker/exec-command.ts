import type Dockerode from "dockerode";
import { collectStream } from "./collect-stream.js";
import { daemonMessageOf } from "./docker-errors.js";
import { interleavedOutput } from "./log-frames.js";

/** A check's command must never stall a check round. */
const EXEC_TIMEOUT_MS = 15_000;

/** Like `docker exec NAME CMD…` without -t: output demultiplexed, exit code from the exec's inspect. */
export async function execInContainer(
  docker: Dockerode,
  idOrName: string,
  command: readonly string[],
): Promise<{ exitCode: number; output: string }> {
  let exec: Dockerode.Exec;
  try {
    exec = await docker.getContainer(idOrName).exec({ Cmd: [...command], AttachStdout: true, AttachStderr: true, Tty: false });
  } catch (error) {
    throw new Error(`cannot run \`${command.join(" ")}\` in container \`${idOrName}\`: ${daemonMessageOf(error)}`, { cause: error });
  }
  const stream = (await exec.start({ hijack: true, stdin: false })) as NodeJS.ReadableStream;
  const raw = await collectStream(stream, EXEC_TIMEOUT_MS, `\`${command.join(" ")}\` in container \`${idOrName}\``);
  return { exitCode: await exitCodeOf(exec), output: interleavedOutput(raw, false) };
}

/** The output can end a moment before the daemon records the exit code. */
async function exitCodeOf(exec: Dockerode.Exec): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const state = (await exec.inspect()) as { Running?: boolean; ExitCode?: number | null };
    if (!state.Running && typeof state.ExitCode === "number") return state.ExitCode;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the command's exit code never arrived from the daemon");
}
