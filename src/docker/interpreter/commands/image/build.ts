import { statSync } from "node:fs";
import { type CommandIO, defineCommand } from "../../command.js";
import { toApiCall } from "../../engine-call.js";
import { humanSize } from "../../format/human-units.js";
import type { EngineTransport } from "../../transport.js";
import { reportFailure } from "../shared/daemon-failure.js";
import { followJsonLines } from "../shared/json-lines.js";
import { plainView } from "../shared/progress-view.js";
import { packBuildContext } from "./build-context.js";
import { type BuildIntent, buildCall, buildIntent } from "./build-request.js";

export const buildCommand = defineCommand<BuildIntent>({
  path: ["image", "build"],
  aliases: [["build"], ["builder", "build"]],
  flags: [
    { long: "tag", short: "t", kind: "list" },
    { long: "file", short: "f", kind: "string" },
    { long: "build-arg", kind: "list" },
    { long: "label", kind: "list" },
    { long: "no-cache", kind: "bool" },
    { long: "pull", kind: "bool" },
    { long: "target", kind: "string" },
  ],
  interspersed: true,
  toIntent: buildIntent,
  plan: (intent) => [toApiCall(buildCall(intent))],
  async execute(intent, engine, io) {
    const problem = unpreparedContext(intent);
    if (problem !== undefined) {
      io.stderr.write(`unable to prepare context: ${problem}\n`);
      return 1;
    }
    const tar = await packBuildContext(intent.contextDir, intent.dockerfile);
    // byte for byte what the CLI prints when its output is not a terminal (its last progress update)
    io.stdout.write(`Sending build context to Docker daemon ${humanSize(tar.length).padStart(8)}\r\r\n`);
    return sendBuild(engine, intent, tar, io);
  },
});

/** The CLI's own checks before it sends anything (cli/command/image/build/context.go). */
function unpreparedContext(intent: BuildIntent): string | undefined {
  const context = statSync(intent.contextDir, { throwIfNoEntry: false });
  if (context === undefined) return `path "${intent.contextArg}" not found`;
  if (!context.isDirectory()) return `context must be a directory: ${intent.contextDir}`;
  if (statSync(intent.dockerfilePath, { throwIfNoEntry: false }) === undefined) {
    return `unable to evaluate symlinks in Dockerfile path: lstat ${intent.dockerfilePath}: no such file or directory`;
  }
  return undefined;
}

/** Streams the classic builder's output as it comes; a failed step ends it with that step's exit code, as in the CLI. */
async function sendBuild(engine: EngineTransport, intent: BuildIntent, tar: Buffer, io: CommandIO): Promise<number> {
  try {
    const stream = await engine.send(buildCall(intent), { tar, contentType: "application/x-tar" });
    const view = plainView(io.stdout);
    const failure = await followJsonLines(stream, (message) => view.show(message));
    if (failure === undefined) return 0;
    io.stderr.write(`${failure.message}\n`);
    return failure.code ?? 1;
  } catch (error) {
    return reportFailure(io, error);
  }
}
