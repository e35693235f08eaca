import { describe, expect, it } from "vitest";
import { type PullMessage, renderPullMessage, takeLines } from "../../../../src/docker/interpreter/commands/container/pull-progress.js";
import { writeFrames } from "../../../../src/docker/interpreter/commands/container/stream-frames.js";

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
