import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { contextEntries } from "../../../../src/docker/interpreter/commands/image/build-context.js";
import { isIgnored, mayReinclude, parseDockerignore } from "../../../../src/docker/interpreter/commands/image/dockerignore.js";

/** Whether `path` stays out of the build context under these .dockerignore lines. */
const ignored = (lines: string, path: string): boolean => isIgnored(parseDockerignore(lines), path);

describe(".dockerignore patterns, as the docker CLI reads them", () => {
  it.each<[string, string, boolean]>([
    ["*.md", "README.md", true],
    ["*.md", "docs/guide.md", false], // `*` stays in the top directory
    ["**/*.md", "docs/guide.md", true],
    ["**/*.md", "README.md", true],
    ["docs/", "docs/guide.md", true], // a directory excludes what is in it
    ["docs", "docs", true],
    ["docs/", "docsite/index.html", false],
    ["*.md\n!keep.md", "keep.md", false],
    ["*.md\n!keep.md", "other.md", true],
    ["!keep.md\n*.md", "keep.md", true], // the last matching line decides
    ["# *.md\n", "README.md", false], // a comment
    ["  *.log  ", "debug.log", true], // surrounding spaces trimmed
    ["/secret.txt", "secret.txt", true], // a leading slash means the context root
    ["./build", "build/out.js", true],
    ["node_modules", "node_modules/x/index.js", true],
    ["?.txt", "a.txt", true],
    ["?.txt", "ab.txt", false],
    ["file[0-9].txt", "file7.txt", true],
    ["a.b", "axb", false], // `.` is literal
    ["docs/**", "docs/a/b.md", true],
    ["**", "anything/at/all", true],
    ["temp?", "temp/x", false],
    ["", "a", false],
  ])("%j ignores %s: %s", (lines, path, expected) => expect(ignored(lines, path)).toBe(expected));

  it("walks into an ignored directory only when a ! pattern names something inside it", () => {
    const patterns = parseDockerignore("docs/\n!docs/keep.md");
    expect(mayReinclude(patterns, "docs")).toBe(true);
    expect(mayReinclude(patterns, "other")).toBe(false);
  });
});

describe("the build context's entries", () => {
  const root = mkdtempSync(join(tmpdir(), "dtt-ctx-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const files = ["Dockerfile", ".dockerignore", "app.txt", "a.md", "keep.md", "docs/d.txt", "docs/keep.md", "sub/k.md", "sub/z/deep.txt"];
  for (const file of files) {
    mkdirSync(join(root, dirname(file)), { recursive: true });
    writeFileSync(
      join(root, file),
      file === ".dockerignore" ? "# lesson\n*.md\ndocs/\n!docs/keep.md\n!keep.md\nDockerfile\n.dockerignore\n" : file,
    );
  }
  const keep = new Set(["Dockerfile", ".dockerignore"]);

  it("lists what the CLI would send, parents first, in lexical order", () => {
    const entries = contextEntries(root, "", parseDockerignore("*.md\ndocs/\n!docs/keep.md\n!keep.md\nDockerfile\n.dockerignore"), keep);
    expect(entries).toEqual([
      ".dockerignore",
      "Dockerfile",
      "app.txt",
      "docs/keep.md",
      "keep.md",
      "sub",
      "sub/k.md",
      "sub/z",
      "sub/z/deep.txt",
    ]);
  });

  it("sends everything when there are no patterns", () => {
    expect(contextEntries(root, "", [], keep)).toHaveLength(files.length + 3);
  });
});
