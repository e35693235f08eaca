import type Dockerode from "dockerode";
import { ImageRef, isImageRef } from "../../../image-ref.js";
import { type CommandIO, defineCommand, refuse } from "../../command.js";
import { boolFlag, stringFlag } from "../../flags.js";
import { reportFailure } from "../shared/daemon-failure.js";
import { ANONYMOUS_REGISTRY_AUTH, type EngineCall, toApiCall } from "../shared/engine-call.js";
import { sendForStream } from "../shared/send-call.js";
import { discard, followProgress } from "./progress-view.js";

/** POST /images/create as the CLI sends it: the full name, the tag (or digest) apart, anonymous auth. */
export function pullCall(ref: ImageRef, platform?: string): EngineCall {
  const tag = ref.digest ?? ref.tag ?? "latest";
  return {
    method: "POST",
    path: "/images/create",
    query: { fromImage: ref.name, tag, ...(platform ? { platform } : {}) },
    headers: { "X-Registry-Auth": ANONYMOUS_REGISTRY_AUTH },
    why: `download ${ref.name}:${tag} from its registry, layer by layer`,
    notes: [
      `fromImage: ${ref.name} (the full name: a short name means docker.io/library/…)`,
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
  const parsed = ImageRef.parse(ref);
  if (!isImageRef(parsed)) {
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
  readonly ref: ImageRef;
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
    const parsed = ImageRef.parse(args[0] ?? "");
    if (!isImageRef(parsed)) return refuse(parsed.problem);
    const platform = stringFlag(flags, "platform");
    const defaultTag = parsed.tag === undefined && parsed.digest === undefined;
    return { ref: parsed.withDefaultTag(), defaultTag, quiet: boolFlag(flags, "quiet") === true, ...(platform ? { platform } : {}) };
  },
  plan: (intent) => [toApiCall(pullCall(intent.ref, intent.platform))],
  async execute(intent, docker, io) {
    if (intent.defaultTag && !intent.quiet) io.stdout.write("Using default tag: latest\n");
    const code = await sendPull(docker, pullCall(intent.ref, intent.platform), io, intent.quiet);
    if (code === 0) io.stdout.write(`${intent.ref.toString()}\n`);
    return code;
  },
});
