import type { ApiCall } from "../../api-call.js";
import { type CommandIO, defineCommand, isRefusal } from "../../command.js";
import { boolFlag, listFlag, stringFlag } from "../../flags.js";
import type { EngineTransport } from "../../transport.js";
import { reportDaemonError } from "../shared/daemon-failure.js";
import { sendForJson, sendForNothing, withId } from "../shared/send-call.js";
import { attachOutput } from "./attach-output.js";
import { containerPath, needsArguments } from "./container-args.js";
import type { ContainerIntentInput } from "./create-intent.js";
import { stdinNote } from "./create-plan.js";
import { parseEnvFlags } from "./key-value-spec.js";

interface ExecIntent {
  readonly container: string;
  readonly command: readonly string[];
  readonly interactive: boolean;
  readonly tty: boolean;
  readonly workdir: string;
  readonly env: readonly string[];
}

/**
 * `docker exec [-i] [-t] [-w DIR] [-e K=V] CONTAINER CMD…` (docker/cli container/exec.go). As with
 * run, `-it` is not refused for want of a terminal (the CLI says "the input device is not a TTY").
 */
export const execCommand = defineCommand<ExecIntent>({
  path: ["container", "exec"],
  aliases: [["exec"]],
  flags: [
    { long: "interactive", short: "i", kind: "bool" },
    { long: "tty", short: "t", kind: "bool" },
    { long: "workdir", short: "w", kind: "string" },
    { long: "env", short: "e", kind: "list" },
  ],
  interspersed: false,
  toIntent: (input: ContainerIntentInput) => {
    const missing = needsArguments(input.args, 2, "exec", "the container and the command");
    if (missing) return missing;
    const env = parseEnvFlags(listFlag(input.flags, "env"), input.env ?? {});
    if (isRefusal(env)) return env;
    const [container = "", ...command] = input.args;
    const flag = (name: string) => boolFlag(input.flags, name) === true;
    return {
      container,
      command,
      interactive: flag("interactive"),
      tty: flag("tty"),
      workdir: stringFlag(input.flags, "workdir") ?? "",
      env,
    };
  },
  plan: (intent) => execCalls(intent),
  execute: executeExec,
});

function execCalls(intent: ExecIntent): [ApiCall, ApiCall, ApiCall, ApiCall] {
  const body = {
    User: "",
    Privileged: false,
    Tty: intent.tty,
    AttachStdin: intent.interactive,
    AttachStderr: true,
    AttachStdout: true,
    Detach: false,
    DetachKeys: "",
    Env: intent.env.length > 0 ? intent.env : null,
    WorkingDir: intent.workdir,
    Cmd: intent.command,
  };
  const notes = [
    `Cmd: ${JSON.stringify(intent.command)}`,
    ...(intent.workdir === "" ? [] : [`WorkingDir: ${intent.workdir}`]),
    ...intent.env.map((pair) => `Env: ${pair}`),
    ...(intent.tty ? ["Tty: true: raw output, stderr mixed into stdout"] : []),
    ...(intent.interactive ? [`AttachStdin: true (-i): ${stdinNote(intent.tty)}`] : []),
  ];
  return [
    { method: "GET", path: containerPath(intent.container, "json"), why: `check that ${intent.container} exists` },
    { method: "POST", path: containerPath(intent.container, "exec"), body, why: "set up a second process in the running container", notes },
    {
      method: "POST",
      path: "/exec/{id}/start",
      body: { Detach: false, Tty: intent.tty },
      why: "start it; its output streams back until it ends",
    },
    { method: "GET", path: "/exec/{id}/json", why: "read its exit code, which becomes docker exec's" },
  ];
}

async function executeExec(intent: ExecIntent, engine: EngineTransport, io: CommandIO): Promise<number> {
  const [inspect, create, start, result] = execCalls(intent);
  let execId: string;
  try {
    await sendForNothing(engine, inspect);
    execId = ((await sendForJson(engine, create)) as { Id: string }).Id;
  } catch (error) {
    return reportDaemonError(error, io);
  }
  const output = await attachOutput(engine, withId(start, execId), { tty: intent.tty, stdin: intent.interactive }, io);
  output.sendInput(io.stdin);
  await output.ended;
  return exitCodeOf(engine, withId(result, execId));
}

/** The output can end a moment before the daemon records the exit code. */
async function exitCodeOf(engine: EngineTransport, call: ApiCall): Promise<number> {
  for (let attempt = 0; attempt < 40; attempt++) {
    const state = (await sendForJson(engine, call)) as { Running: boolean; ExitCode: number | null };
    if (!state.Running && typeof state.ExitCode === "number") return state.ExitCode;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return 125;
}
