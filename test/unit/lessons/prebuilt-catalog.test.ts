import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readPrebuiltCatalog, readPrebuiltIndex, sha1 } from "../../../src/lessons/prebuilt-catalog.js";

function pack(files: Record<string, string>, built: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), "dtt-prebuilt-"));
  mkdirSync(join(root, "lessons"));
  mkdirSync(join(root, "dist"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, "lessons", name), text);
  const prebuilt = {
    files: Object.entries(built).map(([name, text]) => ({ name, sha1: sha1(text) })),
    entries: [{ fileName: "01-a.yaml", lesson: { id: "a" }, variables: {} }],
  };
  writeFileSync(join(root, "dist", "lessons.json"), JSON.stringify(prebuilt));
  const index = { files: prebuilt.files, lessons: [{ number: 1, id: "a", slug: "a", title: "A", minutes: 5, stepIds: ["s"] }] };
  writeFileSync(join(root, "dist", "lesson-index.json"), JSON.stringify(index));
  return join(root, "lessons");
}

describe("readPrebuiltCatalog", () => {
  it("is used when every lesson file is the one built", () => {
    const dir = pack({ "01-a.yaml": "x" }, { "01-a.yaml": "x" });
    expect(readPrebuiltCatalog(dir)?.[0]).toMatchObject({
      lesson: { id: "a" },
      source: "built-in",
      file: join(dir, "01-a.yaml"),
      assetDir: join(dir, "01-a"),
    });
  });

  it.each([
    ["a file changed since the build", { "01-a.yaml": "edited" }, { "01-a.yaml": "x" }],
    ["a file added since the build", { "01-a.yaml": "x", "02-b.yaml": "y" }, { "01-a.yaml": "x" }],
    ["a file removed since the build", {}, { "01-a.yaml": "x" }],
  ])("is ignored when %s", (_name, files, built) => {
    expect(readPrebuiltCatalog(pack(files, built))).toBeUndefined();
  });
});

describe("readPrebuiltIndex", () => {
  it("is used when every lesson file is the one built", () => {
    expect(readPrebuiltIndex(pack({ "01-a.yaml": "x" }, { "01-a.yaml": "x" }))).toEqual([
      { number: 1, id: "a", slug: "a", title: "A", minutes: 5, stepIds: ["s"] },
    ]);
  });

  it("is ignored when a file changed since the build", () => {
    expect(readPrebuiltIndex(pack({ "01-a.yaml": "edited" }, { "01-a.yaml": "x" }))).toBeUndefined();
  });
});
