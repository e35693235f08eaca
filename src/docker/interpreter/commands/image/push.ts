import { ImageRef, isImageRef } from "../../../image-ref.js";
import { defineCommand, refuse } from "../../command.js";
import { ANONYMOUS_REGISTRY_AUTH, type EngineCall, pathPart, toApiCall } from "../../engine-call.js";
import { boolFlag } from "../../flags.js";
import { reportFailure } from "../shared/daemon-failure.js";
import { discard, followProgress } from "../shared/progress-view.js";

export interface PushIntent {
  readonly ref: ImageRef;
  readonly defaultTag: boolean;
  readonly quiet: boolean;
}

/** POST /images/{name}/push?tag=: the name as docker prints it; the registry is the first part of the name. */
export function pushCall(ref: ImageRef): EngineCall {
  const tag = ref.tag ?? "latest";
  return {
    method: "POST",
    path: `/images/${pathPart(ref.familiarName)}/push`,
    query: { tag },
    headers: { "X-Registry-Auth": ANONYMOUS_REGISTRY_AUTH },
    why: `upload the layers of ${ref.familiarName}:${tag} to ${ref.domain}, the registry its name starts with`,
    notes: [
      "X-Registry-Auth: e30= (base64 of {}); the daemon answers 400 without this header, even for a registry with no login",
      'layers the registry already has are not sent again ("Layer already exists")',
      "a failure (no such tag, registry unreachable) arrives inside the HTTP 200 stream",
    ],
  };
}

export const pushCommand = defineCommand<PushIntent>({
  path: ["image", "push"],
  aliases: [["push"]],
  flags: [
    { long: "quiet", short: "q", kind: "bool" },
    { long: "disable-content-trust", kind: "bool" },
  ],
  interspersed: true,
  toIntent({ flags, args }) {
    if (args.length !== 1) return refuse(`"docker push" requires exactly 1 argument (NAME[:TAG]), got ${args.length}`);
    const parsed = ImageRef.parse(args[0] ?? "");
    if (!isImageRef(parsed)) return refuse(parsed.problem);
    if (parsed.digest !== undefined) return refuse("docker pushes a name:tag, not a digest; push the tag instead");
    return { ref: parsed.withDefaultTag(), defaultTag: parsed.tag === undefined, quiet: boolFlag(flags, "quiet") === true };
  },
  plan: (intent) => [toApiCall(pushCall(intent.ref))],
  async execute(intent, engine, io) {
    if (intent.defaultTag && !intent.quiet) io.stdout.write("Using default tag: latest\n");
    try {
      const stream = await engine.send(pushCall(intent.ref));
      const failure = await followProgress(stream, intent.quiet ? discard : io.stdout);
      if (failure !== undefined) {
        io.stderr.write(`${failure.message}\n`);
        return 1;
      }
      if (intent.quiet) io.stdout.write(`${intent.ref.toString()}\n`);
      return 0;
    } catch (error) {
      return reportFailure(io, error);
    }
  },
});
