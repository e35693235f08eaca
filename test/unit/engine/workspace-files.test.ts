import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { copyInWorkspace, createInWorkspace, writeInWorkspace } from "../../../src/engine/workspace-files.js";

/** A workspace, and beside it a folder outside it holding a secret: what a planted link points at. */
function setUp() {
  const root = mkdtempSync(join(tmpdir(), "dtt-wsfiles-"));
  const workspace = join(root, "work");
  const outside = join(root, "outside");
  mkdirSync(workspace);
  mkdirSync(outside);
  writeFileSync(join(outside, "secret"), "key");
  return { workspace, outside };
}

describe("writeInWorkspace", () => {
  it("writes a file in folders it makes, and replaces one that is there", () => {
    const { workspace } = setUp();
    writeInWorkspace(workspace, "a/b/page.html", "one");
    writeInWorkspace(workspace, "a/b/page.html", "two");
    expect(readFileSync(join(workspace, "a/b/page.html"), "utf8")).toBe("two");
  });

  it("never writes through a folder link that leads out (a container's `ln -s ~ home`), nor makes a folder there", () => {
    const { workspace, outside } = setUp();
    symlinkSync(outside, join(workspace, "home"));
    expect(() => writeInWorkspace(workspace, "home/.bashrc", "evil")).toThrow(
      `The lesson asks to write home/.bashrc, but home in its workspace ${workspace} leads to ${outside}, outside it.`,
    );
    expect(() => writeInWorkspace(workspace, "home/new/x", "evil")).toThrow(/leads to .*outside it/);
    expect(existsSync(join(outside, ".bashrc"))).toBe(false);
    expect(existsSync(join(outside, "new"))).toBe(false);
  });

  it("refuses a final link, wherever it leads, and leaves its target as it was", () => {
    const { workspace, outside } = setUp();
    symlinkSync(join(outside, "secret"), join(workspace, "index.html"));
    expect(() => writeInWorkspace(workspace, "index.html", "evil")).toThrow(
      `The lesson asks to write index.html, but index.html in its workspace ${workspace} is a link to ${join(outside, "secret")}, which the tutor never follows.`,
    );
    expect(readFileSync(join(outside, "secret"), "utf8")).toBe("key");
  });

  it("follows a link that stays inside the workspace for its folders", () => {
    const { workspace } = setUp();
    mkdirSync(join(workspace, "real"));
    symlinkSync(join(workspace, "real"), join(workspace, "alias"));
    writeInWorkspace(workspace, "alias/x.txt", "ok");
    expect(readFileSync(join(workspace, "real/x.txt"), "utf8")).toBe("ok");
  });

  it("refuses words that climb out", () => {
    const { workspace } = setUp();
    expect(() => writeInWorkspace(workspace, "../x", "evil")).toThrow(/outside its workspace/);
  });
});

describe("copyInWorkspace", () => {
  it("copies a file", () => {
    const { workspace } = setUp();
    writeFileSync(join(workspace, "a.txt"), "a");
    copyInWorkspace(workspace, "a.txt", "b/c.txt");
    expect(readFileSync(join(workspace, "b/c.txt"), "utf8")).toBe("a");
  });

  it("never reads through a link: `~/.ssh/id_ed25519` stays out of the workspace", () => {
    const { workspace, outside } = setUp();
    symlinkSync(join(outside, "secret"), join(workspace, "key"));
    symlinkSync(outside, join(workspace, "dir"));
    expect(() => copyInWorkspace(workspace, "key", "stolen")).toThrow(
      /key in its workspace .* is a link to .*secret, which the tutor never follows/,
    );
    expect(() => copyInWorkspace(workspace, "dir/secret", "stolen")).toThrow(/but dir in its workspace .* leads to .*outside it/);
    expect(existsSync(join(workspace, "stolen"))).toBe(false);
  });
});

describe("createInWorkspace", () => {
  it("writes a new file with the mode given, and keeps one that is there (or a link) untouched", () => {
    const { workspace, outside } = setUp();
    expect(createInWorkspace(workspace, "run.sh", Buffer.from("x"), 0o755)).toBe(true);
    expect(statSync(join(workspace, "run.sh")).mode & 0o111).not.toBe(0);
    expect(createInWorkspace(workspace, "run.sh", Buffer.from("y"))).toBe(false);
    expect(readFileSync(join(workspace, "run.sh"), "utf8")).toBe("x");
    symlinkSync(join(outside, "secret"), join(workspace, "planted"));
    expect(createInWorkspace(workspace, "planted", Buffer.from("evil"))).toBe(false);
    expect(readFileSync(join(outside, "secret"), "utf8")).toBe("key");
    expect(lstatSync(join(workspace, "planted")).isSymbolicLink()).toBe(true);
  });
});
