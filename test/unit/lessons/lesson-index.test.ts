import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readLessonIndex, sha1 } from "../../../src/lessons/lesson-index.js";

function pack(files: Record<string, string>, indexed: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), "dtt-index-"));
  mkdirSync(join(root, "lessons"));
  mkdirSync(join(root, "dist"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, "lessons", name), text);
  const index = {
    files: Object.entries(indexed).map(([name, text]) => ({ name, sha1: sha1(text) })),
    lessons: [{ number: 1, id: "a", slug: "a", title: "A", minutes: 1, stepIds: ["s"] }],
  };
  writeFileSync(join(root, "dist", "lesson-index.json"), JSON.stringify(index));
  return join(root, "lessons");
}

describe("readLessonIndex", () => {
  it("is used when every lesson file is the one indexed", () => {
    expect(readLessonIndex(pack({ "01-a.yaml": "x" }, { "01-a.yaml": "x" }))?.[0]).toMatchObject({ id: "a", source: "built-in" });
  });

  it.each([
    ["a file changed since the build", { "01-a.yaml": "edited" }, { "01-a.yaml": "x" }],
    ["a file added since the build", { "01-a.yaml": "x", "02-b.yaml": "y" }, { "01-a.yaml": "x" }],
    ["a file removed since the build", {}, { "01-a.yaml": "x" }],
  ])("is ignored when %s", (_name, files, indexed) => {
    expect(readLessonIndex(pack(files, indexed))).toBeUndefined();
  });
});
