import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { prepareWorkspace } from "../../../src/engine/workspace.js";
import { lessonFiles, restoreFiles, workspaceDrift } from "../../../src/engine/workspace-restore.js";
import type { CatalogEntry } from "../../../src/lessons/catalog.js";
import { lessonSchema } from "../../../src/lessons/schema.js";

/** A lesson whose asset folder holds `site/index.html`, `site/new.html` and `Dockerfile`, copied into a fresh workspace. */
function lessonAndWorkspace() {
  const root = mkdtempSync(join(tmpdir(), "dtt-restore-"));
  const assetDir = join(root, "90-x");
  mkdirSync(join(assetDir, "site"), { recursive: true });
  writeFileSync(join(assetDir, "site", "index.html"), "old page");
  writeFileSync(join(assetDir, "site", "new.html"), "new page");
  writeFileSync(join(assetDir, "Dockerfile"), "FROM nginx");
  const lesson = lessonSchema.parse({
    format: 1,
    id: "x",
    number: 90,
    slug: "x",
    title: "t",
    summary: "s",
    minutes: 1,
    assets: ["site", "Dockerfile"],
    steps: [{ id: "a", title: "A", text: "t", checks: [{ kind: "image", ref: "alpine" }] }],
  });
  const entry: CatalogEntry = { lesson, file: `${assetDir}.yaml`, assetDir, source: "built-in", variables: {}, shellAllowed: false };
  const dir = join(root, "work");
  prepareWorkspace(entry, dir);
  return { entry, dir, root };
}

describe("a redo starts clean: the lesson's files back in its workspace", () => {
  it("lists the lesson's files one by one, inside folders too", () => {
    const { entry } = lessonAndWorkspace();
    expect(
      lessonFiles(entry)
        .map((f) => f.path)
        .sort(),
    ).toEqual(["Dockerfile", join("site", "index.html"), join("site", "new.html")]);
  });

  it("finds nothing changed in a fresh copy, and nothing at all where there is no workspace", () => {
    const { entry, dir, root } = lessonAndWorkspace();
    expect(workspaceDrift(entry, dir)).toEqual({ missing: [], changed: [] });
    expect(workspaceDrift(entry, join(root, "none"))).toEqual({ missing: [], changed: [] });
  });

  it("finds the page the learner copied over, a file removed, and a link in a file's place; restores them; leaves the learner's own files", () => {
    const { entry, dir, root } = lessonAndWorkspace();
    const index = join("site", "index.html");
    writeFileSync(join(dir, index), "new page");
    rmSync(join(dir, "Dockerfile"));
    writeFileSync(join(root, "elsewhere"), "new page");
    rmSync(join(dir, "site", "new.html"));
    symlinkSync(join(root, "elsewhere"), join(dir, "site", "new.html"));
    writeFileSync(join(dir, "notes.txt"), "mine");
    const drift = workspaceDrift(entry, dir);
    expect(drift).toEqual({ missing: ["Dockerfile"], changed: [index, join("site", "new.html")] });
    restoreFiles(entry, dir, [...drift.missing, index]);
    expect(readFileSync(join(dir, index), "utf8")).toBe("old page");
    expect(readFileSync(join(dir, "Dockerfile"), "utf8")).toBe("FROM nginx");
    expect(readFileSync(join(dir, "notes.txt"), "utf8")).toBe("mine");
    // a planted link is refused, never written through
    expect(() => restoreFiles(entry, dir, [join("site", "new.html")])).toThrow(/is a link/);
    expect(readFileSync(join(root, "elsewhere"), "utf8")).toBe("new page");
    expect(existsSync(join(dir, "site", "new.html"))).toBe(true);
  });
});
