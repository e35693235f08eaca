import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { drawingStream, terminalSafe, terminalSafeStream } from "../../../src/docker/terminal-safe.js";

describe("terminalSafe", () => {
  it.each([
    ["OSC 52 (writes the clipboard)", "a\u001b]52;c;ZXZpbA==\u0007b", "a]52;c;ZXZpbA==b"],
    ["OSC 2 (retitles the window)", "\u001b]2;pwned\u001b\\ok", "]2;pwned\\ok"],
    ["a carriage return and erase-line that hide the line before", "rm -rf ~\r\u001b[2Kls", "rm -rf ~[2Kls"],
    ["an 8-bit CSI", "x\u009b31my", "x31my"],
    ["DEL and NUL", "a\u007fb\u0000c", "abc"],
    ["newlines and tabs (kept), CRLF as a newline", "a\tb\r\nc\n", "a\tb\nc\n"],
    ["plain text with Unicode (kept)", "café → ✔", "café → ✔"],
  ])("%s", (_name, input, output) => {
    expect(terminalSafe(input)).toBe(output);
  });
});

describe("terminalSafeStream", () => {
  it("strips what is written, whole or in pieces, strings or bytes, and keeps isTTY", () => {
    const out = Object.assign(new PassThrough(), { isTTY: true });
    const safe = terminalSafeStream(out);
    const esc = Buffer.from("\u001b]2;x\u0007", "utf8");
    safe.write(esc.subarray(0, 2));
    safe.write(esc.subarray(2));
    safe.write("é"); // a two-byte character split below stays one character
    const e = Buffer.from("é");
    safe.write(e.subarray(0, 1));
    safe.write(e.subarray(1));
    safe.write(Buffer.from([0x9b, 0x41]));
    expect(String(out.read())).toBe("]2;xéé\ufffdA");
    expect((safe as { isTTY?: boolean }).isTTY).toBe(true);
  });

  it("draws on the terminal itself, and wrapping twice is wrapping once", () => {
    const out = new PassThrough();
    const safe = terminalSafeStream(out);
    expect(drawingStream(safe)).toBe(out);
    expect(drawingStream(out)).toBe(out);
    expect(terminalSafeStream(safe)).toBe(safe);
  });
});
