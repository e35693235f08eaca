import { describe, expect, it } from "vitest";
import { negotiateApiVersion } from "../../../src/docker/api-version.js";
import { demuxLogs } from "../../../src/docker/log-frames.js";

describe("negotiateApiVersion", () => {
  it.each([
    ["1.41", "1.12", { ok: true, version: "1.41" }],
    ["1.45", "1.24", { ok: true, version: "1.45" }],
    ["1.99", "1.44", { ok: true, version: "1.52" }],
    ["1.40", "1.12", { ok: false, problem: "daemon-too-old" }],
    ["1.99", "1.60", { ok: false, problem: "daemon-too-new" }],
  ])("daemon %s (oldest %s) → %o", (newest, oldest, expected) => {
    expect(negotiateApiVersion(newest, oldest)).toEqual(expected);
  });
});

describe("demuxLogs", () => {
  const frame = (stream: number, text: string) => {
    const payload = Buffer.from(text);
    const header = Buffer.alloc(8);
    header[0] = stream;
    header.writeUInt32BE(payload.length, 4);
    return Buffer.concat([header, payload]);
  };

  it("splits multiplexed frames into stdout and stderr", () => {
    expect(demuxLogs(Buffer.concat([frame(1, "out1\n"), frame(2, "err\n"), frame(1, "out2\n")]))).toEqual({
      stdout: "out1\nout2\n",
      stderr: "err\n",
    });
  });

  it("passes TTY output through untouched", () => {
    expect(demuxLogs(Buffer.from("hello from a tty\r\n"))).toEqual({ stdout: "hello from a tty\r\n", stderr: "" });
  });
});
