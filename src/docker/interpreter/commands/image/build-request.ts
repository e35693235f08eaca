import { isAbsolute, relative, resolve, sep } from "node:path";
import { ImageRef, isImageRef } from "../../../image-ref.js";
import { type IntentInput, isRefusal, type Refusal, refuse } from "../../command.js";
import type { EngineCall } from "../../engine-call.js";
import { boolFlag, listFlag, stringFlag } from "../../flags.js";
import { marshalJson } from "../../format/go-json.js";
import { keyValues } from "../shared/key-values.js";
import { buildxPluginPaths } from "./cli-plugins.js";

export interface BuildIntent {
  /** The context as typed, for messages. */
  readonly contextArg: string;
  readonly contextDir: string;
  /** The Dockerfile relative to the context, with `/`: what the daemon is told to read. */
  readonly dockerfile: string;
  readonly dockerfilePath: string;
  readonly tags: readonly string[];
  readonly buildArgs: readonly (readonly [string, string])[];
  readonly labels: readonly (readonly [string, string])[];
  readonly noCache: boolean;
  readonly pull: boolean;
  readonly target?: string;
  /** From DOCKER_BUILDKIT as the CLI reads it; `daemon` decides by the CLI's buildx plugin, then by /_ping. */
  readonly builder: BuilderChoice;
  /** Where a docker-buildx plugin would make the learner's CLI build with BuildKit. */
  readonly buildxPaths: readonly string[];
}

export type BuilderChoice = "buildkit" | "classic" | "daemon";

export function buildIntent({ flags, args, cwd, env, cli = env }: IntentInput): BuildIntent | Refusal {
  if (args.length !== 1) return refuse(`"docker build" requires exactly 1 argument (the build context, e.g. .), got ${args.length}`);
  const place = locate(args[0] ?? ".", stringFlag(flags, "file"), cwd);
  if (isRefusal(place)) return place;
  const tags = listFlag(flags, "tag");
  const badTag = tags.find((tag) => !isImageRef(ImageRef.parse(tag)));
  if (badTag !== undefined) return refuse(`invalid argument "${badTag}" for "-t, --tag" flag: invalid reference format`);
  const buildArgs = buildArgPairs(listFlag(flags, "build-arg"));
  if (isRefusal(buildArgs)) return buildArgs;
  const target = stringFlag(flags, "target");
  const builder = builderChoice(cli?.DOCKER_BUILDKIT);
  if (isRefusal(builder)) return builder;
  return {
    ...{ ...place, tags, buildArgs, builder, buildxPaths: buildxPluginPaths(cli ?? {}) },
    labels: Object.entries(keyValues(listFlag(flags, "label"))),
    ...{ noCache: boolFlag(flags, "no-cache") === true, pull: boolFlag(flags, "pull") === true },
    ...(target ? { target } : {}),
  };
}

/** DOCKER_BUILDKIT as the docker CLI parses it (strconv.ParseBool): 0/false for the classic builder, 1/true for BuildKit. */
function builderChoice(value: string | undefined): BuilderChoice | Refusal {
  if (value === undefined || value === "") return "daemon";
  if (["1", "t", "T", "true", "TRUE", "True"].includes(value)) return "buildkit";
  if (["0", "f", "F", "false", "FALSE", "False"].includes(value)) return "classic";
  return refuse(`DOCKER_BUILDKIT environment variable expects boolean value: strconv.ParseBool: parsing "${value}": invalid syntax`);
}

type Place = Pick<BuildIntent, "contextArg" | "contextDir" | "dockerfile" | "dockerfilePath">;

/** The context folder and the Dockerfile in it; `-f` is relative to the working directory, not to the context (cli/command/image/build/context.go). */
function locate(contextArg: string, file: string | undefined, cwd: string): Place | Refusal {
  if (contextArg === "-" || /^[a-z]+:\/\//.test(contextArg) || contextArg.startsWith("git@")) {
    return refuse("the interpreter builds from a local directory only; a URL, a git repository or a tar on stdin needs the docker CLI");
  }
  if (file === "-") return refuse("-f - (a Dockerfile on stdin) needs the docker CLI; name a file instead");
  const contextDir = resolve(cwd, contextArg);
  const dockerfilePath = file === undefined ? resolve(contextDir, "Dockerfile") : resolve(cwd, file);
  const dockerfile = relative(contextDir, dockerfilePath);
  if (dockerfile.startsWith("..") || isAbsolute(dockerfile)) {
    return refuse(
      `the Dockerfile ${file ?? ""} is outside the build context ${contextArg}; the interpreter sends only the context, so move it inside`,
    );
  }
  return { contextArg, contextDir, dockerfile: dockerfile.split(sep).join("/"), dockerfilePath };
}

/** "K=V" words as pairs; a bare K would be read from the shell's environment, which the interpreter does not see. */
function buildArgPairs(words: readonly string[]): (readonly [string, string])[] | Refusal {
  const found: (readonly [string, string])[] = [];
  for (const word of words) {
    const equals = word.indexOf("=");
    if (equals < 0)
      return refuse(`--build-arg ${word} has no value; write ${word}=value (the interpreter does not read your shell's environment)`);
    found.push([word.slice(0, equals), word.slice(equals + 1)]);
  }
  return found;
}

const sortedObject = (entries: readonly (readonly [string, string])[]): string =>
  marshalJson(Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));

/**
 * POST /build with the intent's query, keys in Go's sorted order. The classic builder (version 1) also
 * gets rm=1 and forcerm=1, so a failed step leaves no container; BuildKit makes none to remove.
 */
function buildRequest(intent: BuildIntent, version: "1" | "2"): Pick<EngineCall, "method" | "path" | "query" | "headers"> {
  const classic = version === "1";
  const query = {
    ...(intent.buildArgs.length > 0 ? { buildargs: sortedObject(intent.buildArgs) } : {}),
    dockerfile: intent.dockerfile,
    ...(classic ? { forcerm: "1" } : {}),
    ...(intent.labels.length > 0 ? { labels: sortedObject(intent.labels) } : {}),
    ...(intent.noCache ? { nocache: "1" } : {}),
    ...(intent.pull ? { pull: "1" } : {}),
    ...(classic ? { rm: "1" } : {}),
    ...(intent.tags.length > 0 ? { t: intent.tags } : {}),
    ...(intent.target ? { target: intent.target } : {}),
    version,
  };
  return { method: "POST", path: "/build", query, headers: { "X-Registry-Config": Buffer.from("{}").toString("base64") } };
}

/** What the CLI asks first: /_ping's Builder-Version header says which builder the daemon uses by default. */
export const PING_CALL: EngineCall = {
  method: "GET",
  path: "/_ping",
  why: "ask which builder the daemon uses: its answer's Builder-Version header is 2 for BuildKit, 1 for the classic builder",
  notes: ["a docker CLI with the buildx plugin builds with BuildKit whatever the daemon answers, and so does the tutor"],
};

/** The calls a build makes, in order, for the builder the intent names. */
export function buildCalls(intent: BuildIntent): EngineCall[] {
  if (intent.builder === "classic") return [classicBuildCall(intent)];
  if (intent.builder === "buildkit") return [buildKitBuildCall(intent)];
  return [PING_CALL, buildKitBuildCall(intent, "daemon")];
}

/**
 * POST /build with `version=2`: the daemon's own BuildKit builds from the uploaded context, with the
 * same cache as a `docker build` typed with the CLI (buildx's default builder is that same BuildKit).
 */
export function buildKitBuildCall(intent: BuildIntent, chosenBy: BuilderChoice = intent.builder): EngineCall {
  return {
    ...buildRequest(intent, "2"),
    why: `send the folder ${intent.contextArg} as a tar and have the daemon's BuildKit run ${intent.dockerfile}`,
    notes: [
      ...contextNotes(intent),
      chosenBy === "daemon"
        ? "version=2: BuildKit, when /_ping answered Builder-Version: 2 (Engine 23 and later) or the docker CLI has buildx; otherwise the classic builder's call (version=1)"
        : "version=2: BuildKit, as DOCKER_BUILDKIT asks",
      "BuildKit reuses a step whose inputs it has seen (CACHED), whether the earlier build came from here or from the docker CLI",
      "progress arrives as moby.buildkit.trace messages (BuildKit status, encoded); a failing step arrives inside the HTTP 200 stream",
    ],
  };
}

/** POST /build with the context tar: the query the CLI's legacy builder sends, keys in Go's sorted order. */
export function classicBuildCall(intent: BuildIntent): EngineCall {
  return {
    ...buildRequest(intent, "1"),
    why: `send the folder ${intent.contextArg} as a tar and have the daemon run ${intent.dockerfile} step by step`,
    notes: buildNotes(intent),
  };
}

function contextNotes(intent: BuildIntent): string[] {
  return [
    `body: the build context ${intent.contextDir} as an uncompressed tar, without what .dockerignore excludes`,
    `dockerfile: ${intent.dockerfile} (a path inside the context)`,
    ...intent.tags.map((tag) => `t: ${tag} (the name the finished image gets)`),
    ...intent.buildArgs.map(([key, value]) => `buildargs: ${key}=${value} (the value of ARG ${key})`),
  ];
}

function buildNotes(intent: BuildIntent): string[] {
  return [
    ...contextNotes(intent),
    "rm=1, forcerm=1: remove the container each step ran in, even after a failed step (the docker CLI sends only the default rm)",
    "version=1: the classic builder (DOCKER_BUILDKIT=0, or a daemon without BuildKit), which prints Step N/M and reuses cached steps",
    "a failing step arrives inside the HTTP 200 stream, with the command's exit code",
  ];
}
