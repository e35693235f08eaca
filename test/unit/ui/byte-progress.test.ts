import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { describe, expect, it } from "vitest";
import { byteBar, counting, wantsBars } from "../../../src/ui/byte-progress.js";

const terminal = { isTTY: true } as unknown as NodeJS.WritableStream;
const file = { isTTY: false } as unknown as NodeJS.WritableStream;

describe("when the bytes get a bar", () => {
  it.each([
    ["a colour terminal", terminal, true, {}, true],
    ["a file or a pipe", file, true, {}, false],
    ["NO_COLOR or --no-color (colour off)", terminal, false, {}, false],
    ["CI", terminal, true, { CI: "true" }, false],
    ["CI=false", terminal, true, { CI: "false" }, true],
  ] as const)("%s", (_, out, color, env, bars) => {
    expect(wantsBars(out, color, env)).toBe(bars);
  });
});

describe("counting", () => {
  it("passes every byte on unchanged and counts each", async () => {
    let counted = 0;
    const received: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        received.push(chunk);
        done();
      },
    });
    const chunks = [Buffer.from("hello "), Buffer.from("archive")];
    await pipeline(Readable.from(chunks), counting({ add: (n) => (counted += n), finish() {} }), sink);
    expect(Buffer.concat(received).toString()).toBe("hello archive");
    expect(counted).toBe(13);
  });
});

describe("the bar", () => {
  it("draws the label and the amount, grows past an estimate, and ends full with the total", () => {
    let drawn = "";
    const out = Object.assign(
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          drawn += chunk.toString();
          done();
        },
      }),
      { isTTY: true, columns: 100, cursorTo: () => true, clearLine: () => true, moveCursor: () => true },
    );
    const bar = byteBar(out, "Writing", 1000);
    bar.add(600);
    bar.add(900);
    bar.finish();
    bar.finish();
    expect(drawn).toContain("Writing");
    expect(drawn).toContain("1.5kB");
    expect(drawn).not.toMatch(/1\.5kB\/1kB/);
  });
});
