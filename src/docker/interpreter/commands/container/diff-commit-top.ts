import { ImageRef, isImageRef } from "../../../image-ref.js";
import type { ApiCall } from "../../api-call.js";
import { type CommandIO, defineCommand, refuse } from "../../command.js";
import { alignColumns } from "../../format/table.js";
import type { EngineTransport } from "../../transport.js";
import { reportDaemonError } from "../shared/daemon-failure.js";
import { sendForJson } from "../shared/send-call.js";
import { containerPath, needsArguments } from "./container-args.js";

interface OneCall {
  readonly call: ApiCall;
}

/** Sends the one call and prints what `print` makes of the answer; daemon errors exit 1. */
const executeOne =
  (print: (answer: unknown) => string) =>
  async ({ call }: OneCall, engine: EngineTransport, io: CommandIO): Promise<number> => {
    try {
      io.stdout.write(print(await sendForJson(engine, call)));
      return 0;
    } catch (error) {
      return reportDaemonError(error, io);
    }
  };

const KIND_LETTERS = ["C", "A", "D"];

/** `docker diff CONTAINER`: `A /hello.txt`, one change a line (C changed, A added, D deleted). */
export const diffCommand = defineCommand<OneCall>({
  path: ["container", "diff"],
  aliases: [["diff"]],
  flags: [],
  interspersed: true,
  toIntent: ({ args }) =>
    needsArguments(args, 1, "diff", "the container") ?? {
      call: {
        method: "GET",
        path: containerPath(args[0] ?? "", "changes"),
        why: `list the files ${args[0]} changed, added or deleted compared with its image`,
        notes: ["each change's Kind: 0 = C (changed), 1 = A (added), 2 = D (deleted)"],
      },
    },
  plan: ({ call }) => [call],
  execute: executeOne((answer) =>
    ((answer ?? []) as { Path: string; Kind: number }[]).map((change) => `${KIND_LETTERS[change.Kind] ?? "?"} ${change.Path}\n`).join(""),
  ),
});

/** `docker commit CONTAINER [REPO[:TAG]]`: prints the new image's id (docker/cli container/commit.go). */
export const commitCommand = defineCommand<OneCall>({
  path: ["container", "commit"],
  aliases: [["commit"]],
  flags: [],
  interspersed: true,
  toIntent: ({ args }) => {
    const missing = needsArguments(args, 1, "commit", "the container");
    if (missing) return missing;
    const [container = "", reference] = args;
    const target = reference === undefined ? { repo: "", tag: "" } : commitTarget(reference);
    if ("problem" in target) return target;
    const named = reference === undefined ? "an untagged image" : `${target.repo}:${target.tag}`;
    return {
      call: {
        method: "POST",
        path: "/commit",
        query: { author: "", comment: "", container, repo: target.repo, tag: target.tag },
        // An empty config, which the daemon fills from the container's own. Docker takes no body as
        // well; Podman refuses one ("Decode(): EOF").
        body: {},
        why: `save ${container}'s filesystem and settings as ${named}`,
        notes: [
          "the container is paused while it is saved (the daemon's default)",
          "the image keeps the container's Cmd, Entrypoint, Env and exposed ports",
        ],
      },
    };
  },
  plan: ({ call }) => [call],
  execute: executeOne((answer) => `${(answer as { Id: string }).Id}\n`),
});

/** The CLI sends the repository fully qualified and "latest" when no tag is given. */
function commitTarget(reference: string): { repo: string; tag: string } | ReturnType<typeof refuse> {
  const ref = ImageRef.parse(reference);
  if (!isImageRef(ref)) return refuse(ref.problem);
  if (ref.digest !== undefined) return refuse("invalid reference format");
  return { repo: ref.name, tag: ref.tag ?? "latest" };
}

/** `docker top CONTAINER [ps OPTIONS]`: the daemon runs ps for the container's processes. */
export const topCommand = defineCommand<OneCall>({
  path: ["container", "top"],
  aliases: [["top"]],
  flags: [],
  interspersed: false,
  toIntent: ({ args }) => {
    const [container = "", ...psArgs] = args;
    if (args.length === 0) return refuse("'docker top' requires at least 1 argument: the container");
    return {
      call: {
        method: "GET",
        path: containerPath(container, "top"),
        ...(psArgs.length > 0 ? { query: { ps_args: psArgs.join(" ") } } : {}),
        why: `list the processes running in ${container}, as ps on the daemon's host sees them`,
      },
    };
  },
  plan: ({ call }) => [call],
  execute: executeOne((answer) => {
    const { Titles, Processes } = answer as { Titles: string[]; Processes: string[][] };
    // docker/cli container/top.go: tabwriter.NewWriter(out, 20, 1, 3, ' ', 0)
    return alignColumns([Titles, ...Processes], 20);
  }),
});
