import type Dockerode from "dockerode";
import { type CommandIO, defineCommand, refuse } from "../../command.js";
import { boolFlag, stringFlag } from "../../flags.js";
import { reportFailure } from "../shared/daemon-failure.js";
import { ANONYMOUS_REGISTRY_AUTH, type EngineCall, toApiCall } from "../shared/engine-call.js";
import { fullName, fullString, type ImageReference, isReference, parseImageReference, withDefaultTag } from "../shared/image-reference.js";
import { sendForStream } from "../shared/send-call.js";
import { discard, followProgress } from "./progress-view.js";

/** POST /images/create as the CLI sends it: the full name, the tag (or digest) apart, anonymous auth. */
export function pullCall(ref: ImageReference, platform?: string): EngineCall {
  const tag = ref.digest ?? ref.tag ?? "latest";
  return {
    method: "POST",
    path: "/images/create",
    query: { fromImage: fullName(ref), tag, ...(platform ? { platform } : {}) },
    headers: { "X-Registry-Auth": ANONYMOUS_REGISTRY_AUTH },
    why: `download ${fullName(ref)}:${tag} from its registry, layer by layer`,
    notes: [
      `fromImage: ${fullName(ref)} (the full name: a short name means docker.io/library/…)`,
      "X-Registry-Auth: e30= (base64 of {}: no credentials)",
      "the answer is a stream of JSON lines; a failure can arrive inside it with HTTP 200",
    ],
  };
}

/**
 * Pulls `ref` as `docker pull` does, showing progress on io.stdout (per-layer bars on a terminal, the
 * CLI's plain lines otherwise) and failures on io.stderr. `docker run` prints pull progress on stderr:
 * pass `{ ...io, stdout: io.stderr }` there. Resolves to whether the image arrived.
 */
export async function pullImage(docker: Dockerode, ref: string, io: CommandIO): Promise<boolean> {
  const parsed = parseImageReference(ref);
  if (!isReference(parsed)) {
    io.stderr.write(`${parsed.problem}\n`);
    return false;
  }
  return (await sendPull(docker, pullCall(parsed), io)) === 0;
}

async function sendPull(docker: Dockerode, call: EngineCall, io: CommandIO, quiet = false): Promise<number> {
  try {
    const stream = await sendForStream(docker, call);
    const failure = await followProgress(stream, quiet ? discard : io.stdout);
    if (failure === undefined) return 0;
    io.stderr.write(`${failure.message}\n`);
    return 1;
  } catch (error) {
    return reportFailure(io, error);
  }
}

interface PullIntent {
  readonly ref: ImageReference;
  readonly defaultTag: boolean;
  readonly quiet: boolean;
  readonly platform?: string;
}

export const pullCommand = defineCommand<PullIntent>({
  path: ["image", "pull"],
  aliases: [["pull"]],
  flags: [
    { long: "quiet", short: "q", kind: "bool" },
    { long: "platform", kind: "string" },
    { long: "disable-content-trust", kind: "bool" },
  ],
  interspersed: true,
  toIntent({ flags, args }) {
    if (args.length !== 1) return refuse(`"docker pull" requires exactly 1 argument (the image to pull), got ${args.length}`);
    const parsed = parseImageReference(args[0] ?? "");
    if (!isReference(parsed)) return refuse(parsed.problem);
    const platform = stringFlag(flags, "platform");
    const defaultTag = parsed.tag === undefined && parsed.digest === undefined;
    return { ref: withDefaultTag(parsed), defaultTag, quiet: boolFlag(flags, "quiet") === true, ...(platform ? { platform } : {}) };
  },
  plan: (intent) => [toApiCall(pullCall(intent.ref, intent.platform))],
  async execute(intent, docker, io) {
    if (intent.defaultTag && !intent.quiet) io.stdout.write("Using default tag: latest\n");
    const code = await sendPull(docker, pullCall(intent.ref, intent.platform), io, intent.quiet);
    if (code === 0) io.stdout.write(`${fullString(intent.ref)}\n`);
    return code;
  },
});
