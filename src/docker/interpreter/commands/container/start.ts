import type { ApiCall } from "../../api-call.js";
import { type CommandIO, defineCommand, refuse } from "../../command.js";
import { boolFlag } from "../../flags.js";
import type { EngineTransport } from "../../transport.js";
import { reportDaemonError } from "../shared/daemon-failure.js";
import { sendForJson, sendForNothing, withId } from "../shared/send-call.js";
import { attachOutput } from "./attach-output.js";
import { containerPath, eachContainer, needsArguments } from "./container-args.js";
import { attachCall } from "./create-plan.js";
import { registerWait } from "./wait-exit.js";

interface StartIntent {
  readonly containers: readonly string[];
  readonly attach: boolean;
  readonly interactive: boolean;
}

/** `docker start [-a] [-i] CONTAINER…` (docker/cli container/start.go). */
export const startCommand = defineCommand<StartIntent>({
  path: ["container", "start"],
  aliases: [["start"]],
  flags: [
    { long: "attach", short: "a", kind: "bool" },
    { long: "interactive", short: "i", kind: "bool" },
  ],
  interspersed: true,
  toIntent: ({ flags, args }) => {
    const missing = needsArguments(args, 1, "start", "the container(s)");
    if (missing) return missing;
    const intent = { containers: args, attach: boolFlag(flags, "attach") === true, interactive: boolFlag(flags, "interactive") === true };
    if ((intent.attach || intent.interactive) && args.length > 1) return refuse("you cannot start and attach multiple containers at once");
    return intent;
  },
  plan: (intent) => (intent.attach || intent.interactive ? attachedCalls(intent) : intent.containers.map(startCall)),
  execute: (intent, engine, io) => (intent.attach || intent.interactive ? startAttached(intent, engine, io) : startAll(intent, engine, io)),
});

const startCall = (name: string): ApiCall => ({
  method: "POST",
  path: containerPath(name, "start"),
  why: `start ${name} and print its name`,
  notes: ["a running container answers 304, which counts as done"],
});

function attachedCalls(intent: StartIntent): ApiCall[] {
  const name = intent.containers[0] ?? "";
  const inspect: ApiCall = {
    method: "GET",
    path: containerPath(name, "json"),
    why: `read ${name}'s id, and whether it has a TTY and open stdin`,
  };
  // The query below is the usual case; the container's own settings decide Tty, stdin and --rm.
  const attach = attachCall({ tty: false, interactive: intent.interactive });
  const wait: ApiCall = {
    method: "POST",
    path: "/containers/{id}/wait",
    query: { condition: "next-exit" },
    why: "ask to be told when it exits, before starting it",
    notes: ["condition=removed instead when it was created with --rm", "its StatusCode becomes the exit code"],
  };
  return [
    inspect,
    attach,
    wait,
    { method: "POST", path: "/containers/{id}/start", why: "start it; its output streams back until it exits" },
  ];
}

async function startAll(intent: StartIntent, engine: EngineTransport, io: CommandIO): Promise<number> {
  const { failed, errors } = await eachContainer(engine, intent.containers.map(startCall), intent.containers, io);
  if (failed.length === 0) return 0;
  io.stderr.write(`${[...errors, `Error: failed to start containers: ${failed.join(", ")}`].join("\n")}\n`);
  return 1;
}

interface ContainerFacts {
  readonly Id: string;
  readonly Config: { readonly Tty: boolean; readonly OpenStdin: boolean };
  readonly HostConfig: { readonly AutoRemove?: boolean };
}

async function startAttached(intent: StartIntent, engine: EngineTransport, io: CommandIO): Promise<number> {
  const [inspect, , wait, start] = attachedCalls(intent) as [ApiCall, ApiCall, ApiCall, ApiCall];
  let facts: ContainerFacts;
  try {
    facts = (await sendForJson(engine, inspect)) as ContainerFacts;
  } catch (error) {
    return reportDaemonError(error, io);
  }
  const streams = { tty: facts.Config.Tty, stdin: intent.interactive && facts.Config.OpenStdin };
  const output = await attachOutput(engine, withId(attachCall({ tty: streams.tty, interactive: streams.stdin }), facts.Id), streams, io);
  const condition = facts.HostConfig.AutoRemove ? "removed" : "next-exit";
  const waiting = await registerWait(engine, withId({ ...wait, query: { condition } }, facts.Id));
  try {
    await sendForNothing(engine, withId(start, facts.Id));
  } catch (error) {
    output.close();
    waiting.cancel();
    return reportDaemonError(error, io);
  }
  output.sendInput(io.stdin);
  await output.ended;
  return (await waiting.status).code;
}
