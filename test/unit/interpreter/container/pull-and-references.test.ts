import { describe, expect, it } from "vitest";
import {
  familiarWithTag,
  pullQuery,
  qualifiedName,
  splitReference,
} from "../../../../src/docker/interpreter/commands/container/image-reference.js";
import { type PullMessage, renderPullMessage, takeLines } from "../../../../src/docker/interpreter/commands/container/pull-progress.js";
import { writeFrames } from "../../../../src/docker/interpreter/commands/container/stream-frames.js";

describe("image references as the CLI words and sends them", () => {
  it.each<[string, string, { fromImage: string; tag: string }, string]>([
    ["alpine", "alpine:latest", { fromImage: "alpine", tag: "latest" }, "docker.io/library/alpine"],
    ["nginx:alpine", "nginx:alpine", { fromImage: "nginx", tag: "alpine" }, "docker.io/library/nginx"],
    ["docker.io/library/alpine:3.20", "alpine:3.20", { fromImage: "alpine", tag: "3.20" }, "docker.io/library/alpine"],
    ["ada/app", "ada/app:latest", { fromImage: "ada/app", tag: "latest" }, "docker.io/ada/app"],
    ["127.0.0.1:5000/lab/app:1", "127.0.0.1:5000/lab/app:1", { fromImage: "127.0.0.1:5000/lab/app", tag: "1" }, "127.0.0.1:5000/lab/app"],
    ["localhost/app", "localhost/app:latest", { fromImage: "localhost/app", tag: "latest" }, "localhost/app"],
    ["alpine@sha256:abc", "alpine@sha256:abc", { fromImage: "alpine", tag: "sha256:abc" }, "docker.io/library/alpine"],
  ])("%s", (ref, familiar, query, qualified) => {
    expect(familiarWithTag(ref)).toBe(familiar);
    expect(pullQuery(ref)).toEqual(query);
    expect(qualifiedName(splitReference(ref).name)).toBe(qualified);
  });
});

describe("pull progress as the CLI prints it when stderr is no terminal", () => {
  it.each<[PullMessage, { text: string } | { failure: string }]>([
    [{ status: "Pulling from library/alpine", id: "latest" }, { text: "latest: Pulling from library/alpine\n" }],
    [{ status: "Pulling fs layer", progressDetail: {}, id: "9824c27679d3" }, { text: "9824c27679d3: Pulling fs layer\n" }],
    [{ status: "Downloading", progressDetail: { current: 3678, total: 300290 }, id: "9824c27679d3" }, { text: "" }],
    [{ status: "Extracting", progressDetail: { current: 32768, total: 300290 }, id: "9824c27679d3" }, { text: "" }],
    [{ status: "Pull complete", progressDetail: {}, id: "9824c27679d3" }, { text: "9824c27679d3: Pull complete\n" }],
    [{ status: "Digest: sha256:0aaa" }, { text: "Digest: sha256:0aaa\n" }],
    [{ status: "Status: Downloaded newer image for alpine:latest" }, { text: "Status: Downloaded newer image for alpine:latest\n" }],
    [{ errorDetail: { message: "manifest unknown" }, error: "manifest unknown" }, { failure: "manifest unknown" }],
  ])("%j", (message, rendered) => {
    expect(renderPullMessage(message)).toEqual(rendered);
  });

  it("keeps a partial line for later", () => {
    expect(takeLines('{"a":1}\n{"b"')).toEqual({ lines: ['{"a":1}'], rest: '{"b"' });
  });
});

describe("stream frames", () => {
  it("sends each frame to its stream, in order", () => {
    const written: string[] = [];
    const sink = (name: string) =>
      ({ write: (chunk: Buffer) => written.push(`${name}:${chunk.toString()}`) }) as unknown as NodeJS.WritableStream;
    const frame = (stream: number, text: string) =>
      Buffer.concat([Buffer.from([stream, 0, 0, 0, 0, 0, 0, text.length]), Buffer.from(text)]);
    writeFrames(Buffer.concat([frame(1, "out\n"), frame(2, "err\n"), frame(1, "more\n")]), { stdout: sink("1"), stderr: sink("2") });
    expect(written).toEqual(["1:out\n", "2:err\n", "1:more\n"]);
  });
});
