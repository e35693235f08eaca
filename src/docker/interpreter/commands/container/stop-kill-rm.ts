import type { ApiCall } from "../../api-call.js";
import { type CommandIO, defineCommand, type IntentInput } from "../../command.js";
import { boolFlag, intFlag, stringFlag } from "../../flags.js";
import type { EngineTransport } from "../../transport.js";
import { containerPath, eachContainer, needsArguments, reportErrors } from "./container-args.js";

/** stop, kill and rm: the same shape, one call per container named. */
interface ManyIntent {
  readonly containers: readonly string[];
  readonly calls: readonly ApiCall[];
}

const manyIntent = (input: IntentInput, call: (name: string) => ApiCall, command: string) =>
  needsArguments(input.args, 1, command, "the container(s)") ?? { containers: input.args, calls: input.args.map(call) };

const executeMany = async (intent: ManyIntent, engine: EngineTransport, io: CommandIO): Promise<number> =>
  reportErrors((await eachContainer(engine, intent.calls, intent.containers, io)).errors, io);

export const stopCommand = defineCommand<ManyIntent>({
  path: ["container", "stop"],
  aliases: [["stop"]],
  flags: [
    { long: "time", short: "t", kind: "int" },
    { long: "signal", short: "s", kind: "string" },
  ],
  interspersed: true,
  toIntent: (input) => {
    const seconds = intFlag(input.flags, "time");
    const signal = stringFlag(input.flags, "signal");
    const query = { ...(signal === undefined ? {} : { signal }), ...(seconds === undefined ? {} : { t: seconds }) };
    const waitWords = seconds === undefined ? "its own stop timeout (10 s by default)" : `${seconds} s`;
    return manyIntent(
      input,
      (name) => ({
        method: "POST",
        path: containerPath(name, "stop"),
        ...(Object.keys(query).length > 0 ? { query } : {}),
        why: `stop ${name}: ${signal ?? "SIGTERM"} (or its STOPSIGNAL), then SIGKILL after ${waitWords}`,
        notes: ["an already stopped container answers 304, which counts as done"],
      }),
      "stop",
    );
  },
  plan: (intent) => [...intent.calls],
  execute: executeMany,
});

export const killCommand = defineCommand<ManyIntent>({
  path: ["container", "kill"],
  aliases: [["kill"]],
  flags: [{ long: "signal", short: "s", kind: "string" }],
  interspersed: true,
  toIntent: (input) => {
    const signal = stringFlag(input.flags, "signal");
    return manyIntent(
      input,
      (name) => ({
        method: "POST",
        path: containerPath(name, "kill"),
        ...(signal === undefined ? {} : { query: { signal } }),
        why: `send ${signal ?? "SIGKILL"} to ${name}'s main process, with no grace period`,
      }),
      "kill",
    );
  },
  plan: (intent) => [...intent.calls],
  execute: executeMany,
});

/** With --force a container that is not there is no failure: the CLI prints the daemon's answer and exits 0. */
const NOT_FOUND = /No such container/;

export const rmCommand = defineCommand<ManyIntent & { readonly force?: boolean }>({
  path: ["container", "rm"],
  aliases: [["container", "remove"], ["rm"]],
  flags: [
    { long: "force", short: "f", kind: "bool" },
    { long: "volumes", short: "v", kind: "bool" },
  ],
  interspersed: true,
  toIntent: (input) => {
    const force = boolFlag(input.flags, "force") === true;
    const volumes = boolFlag(input.flags, "volumes") === true;
    const query = { ...(force ? { force: 1 } : {}), ...(volumes ? { v: 1 } : {}) };
    const notes = [
      force ? "force=1 (-f): a running container is killed first" : "a running container is refused (409) without -f",
      ...(volumes ? ["v=1 (-v): its anonymous volumes are removed too; named volumes stay"] : []),
    ];
    const intent = manyIntent(
      input,
      (name) => ({ method: "DELETE", path: containerPath(name), ...(force || volumes ? { query } : {}), why: `remove ${name}`, notes }),
      "rm",
    );
    return "problem" in intent ? intent : { ...intent, force };
  },
  plan: (intent) => [...intent.calls],
  async execute(intent, engine, io) {
    const { errors } = await eachContainer(engine, intent.calls, intent.containers, io);
    const code = reportErrors(errors, io);
    return intent.force && errors.every((error) => NOT_FOUND.test(error)) ? 0 : code;
  },
});
