import { existsSync, statSync } from "node:fs";
import { type CommandIO, defineCommand } from "../../command.js";
import { toApiCall } from "../../engine-call.js";
import { humanSize } from "../../format/human-units.js";
import type { EngineTransport } from "../../transport.js";
import { reportFailure } from "../shared/daemon-failure.js";
import { followJsonLines } from "../shared/json-lines.js";
import { plainView } from "../shared/progress-view.js";
import { packBuildContext } from "./build-context.js";
import { type BuildIntent, buildCalls, buildIntent, buildKitBuildCall, classicBuildCall, PING_CALL } from "./build-request.js";
import { buildKitView } from "./buildkit-view.js";
import { anyExists } from "./cli-plugins.js";

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
  plan: (intent) => buildCalls(intent).map(toApiCall),
  async execute(intent, engine, io) {
    const buildKit = await usesBuildKit(intent, engine, io);
    if (buildKit === undefined) return 1;
    const problem = unpreparedContext(intent, buildKit);
    if (problem !== undefined) {
      io.stderr.write(`${buildKit ? "ERROR: failed to build: " : ""}unable to prepare context: ${problem}\n`);
      return 1;
    }
    if (buildKit && !existsSync(intent.dockerfilePath)) {
      // buildx sends the build, and BuildKit's Dockerfile frontend is what finds the file missing
      buildKitView(io.stderr).fail({ message: `failed to read dockerfile: open ${intent.dockerfile}: no such file or directory` });
      return 1;
    }
    const tar = await packBuildContext(intent.contextDir, intent.dockerfile);
    if (buildKit) return sendBuildKitBuild(engine, intent, tar, io);
    // byte for byte what the CLI prints when its output is not a terminal (its last progress update)
    io.stdout.write(`Sending build context to Docker daemon ${humanSize(tar.length).padStart(8)}\r\r\n`);
    return sendClassicBuild(engine, intent, tar, io);
  },
});

/**
 * The builder a `docker build` typed in the learner's shell would use: DOCKER_BUILDKIT; else BuildKit
 * when the CLI has buildx or the daemon says it builds with BuildKit; else the classic builder.
 */
async function usesBuildKit(intent: BuildIntent, engine: EngineTransport, io: CommandIO): Promise<boolean | undefined> {
  if (intent.builder !== "daemon") return intent.builder === "buildkit";
  try {
    const daemonBuilder = (await engine.headersOf(PING_CALL))["builder-version"];
    return daemonBuilder === "2" || anyExists(intent.buildxPaths);
  } catch (error) {
    reportFailure(io, error);
    return undefined;
  }
}

/** The CLI's own checks before it sends anything (cli/command/image/build/context.go); the Dockerfile only for the classic builder. */
function unpreparedContext(intent: BuildIntent, buildKit: boolean): string | undefined {
  const context = statSync(intent.contextDir, { throwIfNoEntry: false });
  if (context === undefined) return `path "${intent.contextArg}" not found`;
  if (!context.isDirectory()) return `context must be a directory: ${intent.contextDir}`;
  if (!buildKit && !existsSync(intent.dockerfilePath)) {
    return `unable to evaluate symlinks in Dockerfile path: lstat ${intent.dockerfilePath}: no such file or directory`;
  }
  return undefined;
}

/** Streams BuildKit's progress on stderr, where the CLI prints it; a failed build exits 1, as buildx does. */
async function sendBuildKitBuild(engine: EngineTransport, intent: BuildIntent, tar: Buffer, io: CommandIO): Promise<number> {
  try {
    const stream = await engine.send(buildKitBuildCall(intent), { tar, contentType: "application/x-tar" });
    const view = buildKitView(io.stderr);
    const failure = await followJsonLines(stream, (message) => view.show(message));
    if (failure === undefined) return 0;
    view.fail(failure);
    return 1;
  } catch (error) {
    return reportFailure(io, error);
  }
}

/** Streams the classic builder's output as it comes; a failed step ends it with that step's exit code, as in the CLI. */
async function sendClassicBuild(engine: EngineTransport, intent: BuildIntent, tar: Buffer, io: CommandIO): Promise<number> {
  try {
    const stream = await engine.send(classicBuildCall(intent), { tar, contentType: "application/x-tar" });
    const view = plainView(io.stdout);
    const failure = await followJsonLines(stream, (message) => view.show(message));
    if (failure === undefined) return 0;
    io.stderr.write(`${failure.message}\n`);
    return failure.code ?? 1;
  } catch (error) {
    return reportFailure(io, error);
  }
}
