import { ImageRef, isImageRef } from "../../../image-ref.js";
import { type CommandIO, defineCommand, refuse } from "../../command.js";
import { ANONYMOUS_REGISTRY_AUTH, type EngineCall, toApiCall } from "../../engine-call.js";
import { boolFlag, stringFlag } from "../../flags.js";
import type { EngineTransport } from "../../transport.js";
import { reportFailure } from "../shared/daemon-failure.js";
import { discard, followProgress } from "../shared/progress-view.js";

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

/** Sends the pull and shows its progress on io.stdout (bars on a terminal, plain lines otherwise); failures go to io.stderr. */
async function sendPull(engine: EngineTransport, call: EngineCall, io: CommandIO, quiet = false): Promise<number> {
  try {
    const stream = await engine.send(call);
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
  async execute(intent, engine, io) {
    if (intent.defaultTag && !intent.quiet) io.stdout.write("Using default tag: latest\n");
    const code = await sendPull(engine, pullCall(intent.ref, intent.platform), io, intent.quiet);
    if (code === 0) io.stdout.write(`${intent.ref.toString()}\n`);
    return code;
  },
});
