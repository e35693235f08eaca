import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import {
  createJsonLineReader,
  failureOf,
  followJsonLines,
  type ProgressMessage,
} from "../../../../src/docker/interpreter/commands/shared/json-lines.js";
import { plainText } from "../../../../src/docker/interpreter/commands/shared/progress-text.js";

/** Feeds the chunks through a reader and returns what came out. */
function read(chunks: readonly (string | Buffer)[]): ProgressMessage[] {
  const messages: ProgressMessage[] = [];
  const reader = createJsonLineReader((message) => messages.push(message));
  for (const chunk of chunks) reader.push(chunk);
  reader.end();
  return messages;
}

/** Streams the chunks, as the daemon's HTTP 200 body would arrive, through followJsonLines. */
async function follow(chunks: readonly string[]): Promise<{ shown: ProgressMessage[]; failure: unknown }> {
  const stream = new PassThrough();
  const shown: ProgressMessage[] = [];
  const done = followJsonLines(stream, (message) => shown.push(message));
  for (const chunk of chunks) stream.write(chunk);
  stream.end();
  return { shown, failure: await done };
}

describe("the JSON-lines reader", () => {
  it.each<[string, (string | Buffer)[], ProgressMessage[]]>([
    ["one line", ['{"status":"Pulling fs layer","id":"a1"}\n'], [{ status: "Pulling fs layer", id: "a1" }]],
    ["a line split across chunks", ['{"sta', 'tus":"x"}\n'], [{ status: "x" }]],
    ["two lines in one chunk", ['{"status":"a"}\n{"status":"b"}\n'], [{ status: "a" }, { status: "b" }]],
    ["a last line with no newline", ['{"status":"a"}\n{"status":"Digest: sha256:1"}'], [{ status: "a" }, { status: "Digest: sha256:1" }]],
    ["CRLF line ends", ['{"status":"a"}\r\n'], [{ status: "a" }]],
    ["blank lines", ['\n\n{"status":"a"}\n\n'], [{ status: "a" }]],
    ["a malformed line becomes text", ['{"status":"a"}\nnot json at all\n'], [{ status: "a" }, { stream: "not json at all\n" }]],
    ["a JSON value that is not an object becomes text", ["42\n"], [{ stream: "42\n" }]],
    [
      "a character split between byte chunks",
      [Buffer.from('{"stream":"caf'), Buffer.from([0xc3]), Buffer.from([0xa9, 0x22, 0x7d, 0x0a])],
      [{ stream: "café" }],
    ],
  ])("%s", (_name, chunks, expected) => expect(read(chunks)).toEqual(expected));
});

describe("failures inside a 200 stream", () => {
  it.each<[string, ProgressMessage, unknown]>([
    [
      "error and errorDetail",
      { errorDetail: { message: "no basic auth credentials" }, error: "no basic auth credentials" },
      { message: "no basic auth credentials" },
    ],
    [
      "a failed RUN's exit code",
      { errorDetail: { code: 3, message: "returned a non-zero code: 3" }, error: "x" },
      { message: "returned a non-zero code: 3", code: 3 },
    ],
    ["error alone", { error: "manifest unknown" }, { message: "manifest unknown" }],
    ["no failure", { status: "Pull complete", id: "a1" }, undefined],
  ])("%s", (_name, message, expected) => expect(failureOf(message)).toEqual(expected));

  it("stops showing at the first error line and reports it", async () => {
    const { shown, failure } = await follow([
      '{"status":"The push refers to repository [127.0.0.1:5000/web]"}\n',
      '{"errorDetail":{"message":"connection refused"},"error":"connection refused"}\n',
      '{"status":"after the error"}\n',
    ]);
    expect(shown).toEqual([{ status: "The push refers to repository [127.0.0.1:5000/web]" }]);
    expect(failure).toEqual({ message: "connection refused" });
  });

  it("finds an error on an unterminated last line", async () => {
    const { failure } = await follow(['{"stream":"Step 1/1 : FROM nope"}\n{"error":"pull access denied"}']);
    expect(failure).toEqual({ message: "pull access denied" });
  });

  it("resolves to undefined when the stream ends well, malformed lines included", async () => {
    const { shown, failure } = await follow(['{"status":"a"}\n', "garbage\n", '{"status":"b"}']);
    expect(shown.map((message) => message.status ?? message.stream)).toEqual(["a", "garbage\n", "b"]);
    expect(failure).toBeUndefined();
  });
});

describe("the CLI's plain (not a terminal) text for each message", () => {
  it.each<[ProgressMessage, string | undefined]>([
    [{ status: "Pulling from library/alpine", id: "latest" }, "latest: Pulling from library/alpine\n"],
    [{ status: "Pulling fs layer", progressDetail: {}, id: "a5ba34e190fa" }, "a5ba34e190fa: Pulling fs layer\n"],
    [{ status: "Downloading", progressDetail: { current: 3678, total: 300290 }, progress: "[>  ]", id: "a5" }, undefined],
    [{ status: "Pull complete", progressDetail: {}, id: "a5" }, "a5: Pull complete\n"],
    [{ status: "Digest: sha256:626a" }, "Digest: sha256:626a\n"],
    [{ stream: "Step 1/2 : FROM alpine\n" }, "Step 1/2 : FROM alpine\n"],
    [{ stream: "\n" }, "\n"],
    [{ aux: { ID: "sha256:691163af" } }, undefined],
    [{ progressDetail: {}, aux: { Tag: "1", Digest: "sha256:2845", Size: 943 } }, undefined],
    [{ status: "1: digest: sha256:0cb2 size: 942", progressDetail: {} }, "1: digest: sha256:0cb2 size: 942\n"],
  ])("%j", (message, expected) => expect(plainText(message)).toBe(expected));
});
