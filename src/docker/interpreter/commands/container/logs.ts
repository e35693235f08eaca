import { writeFrames } from "../../../stream-frames.js";
import type { ApiCall } from "../../api-call.js";
import { type CommandIO, defineCommand, refuse } from "../../command.js";
import { stringFlag } from "../../flags.js";
import type { EngineTransport } from "../../transport.js";
import { reportDaemonError } from "../shared/daemon-failure.js";
import { readAll, sendForJson, withId } from "../shared/send-call.js";
import { containerPath, needsArguments } from "./container-args.js";

interface LogsIntent {
  readonly container: string;
  readonly tail: string;
}

/** `docker logs [--tail N] CONTAINER`, without following (docker/cli container/logs.go). */
export const logsCommand = defineCommand<LogsIntent>({
  path: ["container", "logs"],
  aliases: [["logs"]],
  flags: [{ long: "tail", short: "n", kind: "string" }],
  interspersed: true,
  toIntent: ({ flags, args }) => {
    const missing = needsArguments(args, 1, "logs", "the container");
    if (missing) return missing;
    if (args.length > 1) return refuse(`"docker logs" takes exactly one container (got ${args.join(" ")})`);
    return { container: args[0] ?? "", tail: stringFlag(flags, "tail") ?? "all" };
  },
  plan: (intent) => logsCalls(intent),
  execute: executeLogs,
});

function logsCalls(intent: LogsIntent): [ApiCall, ApiCall] {
  return [
    { method: "GET", path: containerPath(intent.container, "json"), why: `read ${intent.container}'s id and whether it has a TTY` },
    {
      method: "GET",
      path: "/containers/{id}/logs",
      query: { stderr: 1, stdout: 1, tail: intent.tail },
      why: "read what it has written so far, stdout and stderr",
      notes: [
        intent.tail === "all" ? "tail=all: every line" : `tail=${intent.tail}: only the last lines`,
        "without a TTY the log comes in frames (an 8-byte header each) saying stdout or stderr; with one it is raw",
      ],
    },
  ];
}

async function executeLogs(intent: LogsIntent, engine: EngineTransport, io: CommandIO): Promise<number> {
  const [inspect, logs] = logsCalls(intent);
  try {
    const facts = (await sendForJson(engine, inspect)) as { Id: string; Config: { Tty: boolean } };
    const raw = await readAll(await engine.send(withId(logs, facts.Id)));
    if (facts.Config.Tty) io.stdout.write(raw);
    else writeFrames(raw, io);
    return 0;
  } catch (error) {
    return reportDaemonError(error, io);
  }
}
