import { describe, expect, it } from "vitest";
import { frameSplitter, writeFrames } from "../../../../src/docker/stream-frames.js";

const frame = (stream: number, text: string) => Buffer.concat([Buffer.from([stream, 0, 0, 0, 0, 0, 0, text.length]), Buffer.from(text)]);

function recorder() {
  const written: string[] = [];
  const sink = (name: string) =>
    ({ write: (chunk: Buffer) => written.push(`${name}:${chunk.toString()}`) }) as unknown as NodeJS.WritableStream;
  return { written, io: { stdout: sink("1"), stderr: sink("2") } };
}

describe("stream frames", () => {
  it("sends each frame to its stream, in order", () => {
    const { written, io } = recorder();
    writeFrames(Buffer.concat([frame(1, "out\n"), frame(2, "err\n"), frame(1, "more\n")]), io);
    expect(written).toEqual(["1:out\n", "2:err\n", "1:more\n"]);
  });

  it("waits for a frame that arrives in pieces", () => {
    const { written, io } = recorder();
    const frames = frameSplitter(io);
    const bytes = Buffer.concat([frame(1, "hello\n"), frame(2, "oops\n")]);
    const cuts = [0, 3, 9, 14, bytes.length];
    for (let i = 1; i < cuts.length; i++) frames.push(bytes.subarray(cuts[i - 1], cuts[i]));
    expect(written).toEqual(["1:hello\n", "2:oops\n"]);
  });

  it("passes output that was never framed (a TTY's) through to stdout", () => {
    const { written, io } = recorder();
    frameSplitter(io).push(Buffer.from("plain text, no frames\n"));
    expect(written).toEqual(["1:plain text, no frames\n"]);
  });
});
