import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lessonFolder, prepareWorkspace, refuseForeignFolder } from "../../../src/engine/workspace.js";
import type { CatalogEntry } from "../../../src/lessons/catalog.js";
import { lessonSchema } from "../../../src/lessons/schema.js";

/** A lesson whose asset folder holds `page/index.html` and `Dockerfile`. */
function entryWithAssets(): CatalogEntry {
  const root = mkdtempSync(join(tmpdir(), "dtt-ws-"));
  const assetDir = join(root, "90-x");
  mkdirSync(join(assetDir, "page"), { recursive: true });
  writeFileSync(join(assetDir, "page", "index.html"), "<p>hi</p>");
  writeFileSync(join(assetDir, "Dockerfile"), "FROM nginx");
  const lesson = lessonSchema.parse({
    format: 1,
    id: "x",
    number: 90,
    slug: "x",
    title: "t",
    summary: "s",
    minutes: 1,
    assets: ["page", "Dockerfile"],
    steps: [{ id: "a", title: "A", text: "t", solution: [{ run: "docker image ls" }], checks: [{ kind: "image", ref: "alpine" }] }],
  });
  return { lesson, file: `${assetDir}.yaml`, assetDir, source: "built-in", variables: {}, shellAllowed: false };
}

const me = process.getuid?.() ?? 0;
const someoneElse = me + 4242;

describe("prepareWorkspace", () => {
  it("copies folders and files in, and keeps what is there", () => {
    const entry = entryWithAssets();
    const dir = join(mkdtempSync(join(tmpdir(), "dtt-ws-dest-")), "work");
    mkdirSync(dir);
    writeFileSync(join(dir, "Dockerfile"), "FROM mine");
    expect(prepareWorkspace(entry, dir, me)).toEqual({ copied: ["page"], kept: ["Dockerfile"] });
    expect(readFileSync(join(dir, "page", "index.html"), "utf8")).toBe("<p>hi</p>");
    expect(readFileSync(join(dir, "Dockerfile"), "utf8")).toBe("FROM mine");
  });

  it("keeps a link planted where an asset goes, and writes nothing through it", () => {
    const entry = entryWithAssets();
    const root = mkdtempSync(join(tmpdir(), "dtt-ws-dest-"));
    const dir = join(root, "work");
    mkdirSync(dir);
    mkdirSync(join(root, "outside"));
    symlinkSync(join(root, "outside"), join(dir, "page"));
    symlinkSync(join(root, "outside", "bashrc"), join(dir, "Dockerfile"));
    expect(prepareWorkspace(entry, dir, me)).toEqual({ copied: [], kept: ["page", "Dockerfile"] });
    expect(existsSync(join(root, "outside", "index.html"))).toBe(false);
    expect(existsSync(join(root, "outside", "bashrc"))).toBe(false);
  });

  it("refuses a workspace another user owns, in one sentence", () => {
    const entry = entryWithAssets();
    const dir = mkdtempSync(join(tmpdir(), "dtt-ws-foreign-"));
    expect(() => prepareWorkspace(entry, dir, someoneElse)).toThrow(
      `The folder ${dir} belongs to another user (uid ${me}), so a lesson will not work in it.`,
    );
    expect(existsSync(join(dir, "Dockerfile"))).toBe(false);
  });

  it("refuses the docker-tutor-labs folder when another user owns it", () => {
    const entry = entryWithAssets();
    const cwd = mkdtempSync(join(tmpdir(), "dtt-ws-cwd-"));
    mkdirSync(join(cwd, "docker-tutor-labs"));
    expect(() => lessonFolder(entry, cwd, undefined, someoneElse)).toThrow(/docker-tutor-labs belongs to another user/);
    expect(lessonFolder(entry, cwd, undefined, me).dir).toBe(join(cwd, "docker-tutor-labs", "x"));
  });
});

describe("refuseForeignFolder", () => {
  it("passes a folder of one's own, a missing one, and anything where there are no uids", () => {
    const dir = mkdtempSync(join(tmpdir(), "dtt-ws-own-"));
    expect(() => refuseForeignFolder(dir, me)).not.toThrow();
    expect(() => refuseForeignFolder(join(dir, "missing"), someoneElse)).not.toThrow();
    expect(() => refuseForeignFolder(dir, undefined)).not.toThrow();
  });

  it("refuses a folder still to be made inside another user's folder, but not inside root's (/tmp)", () => {
    const dir = mkdtempSync(join(tmpdir(), "dtt-ws-theirs-"));
    // Root's folders are shared on purpose: as root, the folder is given to a third user.
    const owner = me === 0 ? someoneElse + 1 : me;
    if (me === 0) chownSync(dir, owner, owner);
    expect(() => refuseForeignFolder(join(dir, "a", "work"), someoneElse)).toThrow(
      `The folder ${dir} belongs to another user (uid ${owner}), so a lesson will not work in it.`,
    );
    expect(() => refuseForeignFolder(join("/", `dtt-missing-${process.pid}`, "work"), someoneElse)).not.toThrow();
  });
});
