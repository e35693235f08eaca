import { describe, expect, it } from "vitest";
import { firstFileOf } from "../../../src/docker/tar-file.js";

/** One tar entry: a ustar header (name, size in octal, type) and the content padded to 512 bytes. */
function entry(name: string, type: string, content: string): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, "latin1");
  header.write(`${Buffer.byteLength(content).toString(8).padStart(11, "0")}\0`, 124, "latin1");
  header.write(type, 156, "latin1");
  const body = Buffer.alloc(Math.ceil(Buffer.byteLength(content) / 512) * 512);
  body.write(content);
  return Buffer.concat([header, body]);
}

describe("firstFileOf", () => {
  it("reads the one file the archive endpoint answers", () => {
    expect(firstFileOf(Buffer.concat([entry("t.txt", "0", "hello world\n"), Buffer.alloc(1024)]))?.toString()).toBe("hello world\n");
  });
  it("skips a pax header before the file", () => {
    const pax = entry("PaxHeader", "x", `${"a".repeat(600)}\n`);
    expect(firstFileOf(Buffer.concat([pax, entry("t.txt", "0", "after"), Buffer.alloc(1024)]))?.toString()).toBe("after");
  });
  it("finds no file in a directory's archive", () => {
    expect(firstFileOf(Buffer.concat([entry("data/", "5", ""), Buffer.alloc(1024)]))).toBeUndefined();
  });
});
