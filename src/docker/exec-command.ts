import type Dockerode from "dockerode";
import { collectStream } from "./collect-stream.js";
import { daemonMessageOf } from "./docker-errors.js";
import { interleavedOutput } from "./log-frames.js";

/** A check's command must never stall a check round. */
const EXEC_TIMEOUT_MS = 15_000;

/**
 * Like `docker exec NAME CMD…` without -t: output demultiplexed, exit code from the exec's inspect.
 * `created` is told the exec's id before it starts (the tutor's own execs are known by it: tutor-execs.ts).
 */
export async function execInContainer(
  docker: Dockerode,
  idOrName: string,
  command: readonly string[],
  created: (execId: string) => void = () => undefined,
): Promise<{ exitCode: number; output: string }> {
  let exec: Dockerode.Exec;
  try {
    exec = await docker.getContainer(idOrName).exec({ Cmd: [...command], AttachStdout: true, AttachStderr: true, Tty: false });
  } catch (error) {
    throw new Error(`cannot run \`${command.join(" ")}\` in container \`${idOrName}\`: ${daemonMessageOf(error)}`, { cause: error });
  }
  created(exec.id);
  const stream = (await exec.start({ hijack: true, stdin: false })) as NodeJS.ReadableStream;
  const raw = await collectStream(stream, EXEC_TIMEOUT_MS, `\`${command.join(" ")}\` in container \`${idOrName}\``);
  return { exitCode: await exitCodeOf(exec), output: interleavedOutput(raw, false) };
}

/** How long the exit code may take to arrive once the output ended. */
const EXIT_CODE_WAIT_MS = 1000;

/**
 * The output can end a moment before the daemon records the exit code: asked again soon (5 ms,
 * doubling to 50), since a check round (and the learner's verdict) waits for it.
 */
async function exitCodeOf(exec: Dockerode.Exec): Promise<number> {
  const deadline = Date.now() + EXIT_CODE_WAIT_MS;
  for (let pause = 5; ; pause = Math.min(pause * 2, 50)) {
    const state = (await exec.inspect()) as { Running?: boolean; ExitCode?: number | null };
    if (!state.Running && typeof state.ExitCode === "number") return state.ExitCode;
    if (Date.now() >= deadline) throw new Error("the command's exit code never arrived from the daemon");
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/** The terminal an interactive exec is wired to. */
export interface ShellTerminal {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
}

/** An interactive shell in the container, as `docker exec -it ID sh`; resolves to its exit code. */
export async function execShell(docker: Dockerode, id: string, { stdin, stdout }: ShellTerminal): Promise<number> {
  // the node's container sets PS1 (`node2 $ `), and an exec inherits its environment
  const exec = await docker.getContainer(id).exec({ Cmd: ["sh"], AttachStdin: true, AttachStdout: true, AttachStderr: true, Tty: true });
  const socket = (await exec.start({ hijack: true, stdin: true, Tty: true })) as unknown as NodeJS.ReadWriteStream;
  const resize = () => void exec.resize({ h: stdout.rows, w: stdout.columns }).catch(() => undefined);
  resize();
  stdout.on("resize", resize);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.pipe(socket);
  socket.pipe(stdout, { end: false });
  await new Promise<void>((resolve) => {
    socket.once("end", resolve);
    socket.once("close", resolve);
    socket.once("error", () => resolve());
  });
  stdin.unpipe(socket);
  stdin.setRawMode(false);
  stdin.pause();
  stdout.off("resize", resize);
  return ((await exec.inspect()) as { ExitCode: number | null }).ExitCode ?? 0;
}
