import { Writable } from "node:stream";
import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";
import type { ProgressMessage } from "../../../../src/docker/interpreter/commands/shared/json-lines.js";
import { barsView, plainView } from "../../../../src/docker/interpreter/commands/shared/progress-view.js";

/** A stream that says it is a terminal, as a learner's would; what reached it, escape codes removed. */
function fakeTerminal(): { stream: Writable & { isTTY: boolean; columns: number }; text: () => string } {
  let written = "";
  const stream = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        written += String(chunk);
        done();
      },
    }),
    { isTTY: true, columns: 100 },
  );
  return { stream, text: () => stripVTControlCharacters(written) };
}

const PULL: ProgressMessage[] = [
  { status: "Pulling from lab/multi", id: "1" },
  { status: "Already exists", progressDetail: {}, id: "a5ba34e190fa" },
  { status: "Pulling fs layer", progressDetail: {}, id: "abfbec0ff84d" },
  { status: "Downloading", progressDetail: { current: 100, total: 300 }, id: "abfbec0ff84d" },
  { status: "Pull complete", progressDetail: {}, id: "abfbec0ff84d" },
  { status: "Digest: sha256:0cb2" },
  { status: "Status: Downloaded newer image for 127.0.0.1:5000/lab/multi:1" },
];

describe("progress on a terminal: one bar per layer", () => {
  it("puts image lines around the bars and ends each layer at its last status", () => {
    const terminal = fakeTerminal();
    const view = barsView(terminal.stream);
    for (const message of PULL) view.show(message);
    view.finish();
    const text = terminal.text();
    expect(text.startsWith("1: Pulling from lab/multi\n")).toBe(true);
    expect(text).toContain("a5ba34e190fa: Already exists");
    expect(text).toContain("abfbec0ff84d: Pull complete");
    expect(text.indexOf("Digest: sha256:0cb2")).toBeGreaterThan(text.lastIndexOf("abfbec0ff84d: Pull complete"));
    expect(text.endsWith("Status: Downloaded newer image for 127.0.0.1:5000/lab/multi:1\n")).toBe(true);
  });

  it("prints plain lines, and no byte counts, when the output is not a terminal", () => {
    const terminal = fakeTerminal();
    terminal.stream.isTTY = false;
    const view = plainView(terminal.stream);
    for (const message of PULL) view.show(message);
    expect(terminal.text()).toBe(
      [
        "1: Pulling from lab/multi",
        "a5ba34e190fa: Already exists",
        "abfbec0ff84d: Pulling fs layer",
        "abfbec0ff84d: Pull complete",
        "Digest: sha256:0cb2",
        "Status: Downloaded newer image for 127.0.0.1:5000/lab/multi:1",
        "",
      ].join("\n"),
    );
  });
});
