import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadLessonFile } from "../../../src/lessons/catalog.js";
import { formatProblem } from "../../../src/lessons/lesson-problems.js";

const LESSON = `format: 1
id: links
number: 90
slug: links
title: Links
summary: s
minutes: 1
assets: [site]
steps:
  - id: a
    title: A
    text: t
    solution:
      - run: docker image ls
    checks:
      - kind: image
        ref: alpine
`;

/** A pack with lesson 90 and its asset folder `90-links/site/index.html`. */
function pack() {
  const dir = mkdtempSync(join(tmpdir(), "dtt-links-"));
  const file = join(dir, "90-links.yaml");
  writeFileSync(file, LESSON);
  mkdirSync(join(dir, "90-links", "site", "deep"), { recursive: true });
  writeFileSync(join(dir, "90-links", "site", "index.html"), "<p>hi</p>");
  return { dir, file, site: join(dir, "90-links", "site") };
}

const problemsOf = (file: string) => loadLessonFile(file, "pack", {}).problems.map(formatProblem);

describe("a lesson pack holds no links", () => {
  it("loads a pack of plain files", () => {
    const { file } = pack();
    expect(loadLessonFile(file, "pack", {}).entry?.lesson.id).toBe("links");
  });

  it("refuses a link nested deep in an asset folder, wherever it leads, with its path", () => {
    const { file, site } = pack();
    symlinkSync("/root/.bashrc", join(site, "deep", "bashrc"));
    symlinkSync("index.html", join(site, "same.html"));
    expect(problemsOf(file)).toEqual([
      `${join(site, "deep", "bashrc")}:1:1: a link (to "/root/.bashrc") in a lesson pack, which may hold only plain files and folders — replace the link with a copy of the file or folder it points to`,
      `${join(site, "same.html")}:1:1: a link (to "index.html") in a lesson pack, which may hold only plain files and folders — replace the link with a copy of the file or folder it points to`,
    ]);
  });

  it("refuses an asset folder that is a link, and a lesson file that is one, before reading it", () => {
    const { dir, file } = pack();
    const other = pack();
    const linkedPack = mkdtempSync(join(tmpdir(), "dtt-links-"));
    symlinkSync(join(other.dir, "90-links"), join(linkedPack, "90-links"));
    writeFileSync(join(linkedPack, "90-links.yaml"), LESSON);
    expect(problemsOf(join(linkedPack, "90-links.yaml"))).toEqual([expect.stringMatching(/90-links:1:1: a link \(to ".*90-links"\)/)]);
    symlinkSync("/etc/shadow", join(dir, "91-shadow.yaml"));
    expect(problemsOf(join(dir, "91-shadow.yaml"))).toEqual([expect.stringMatching(/91-shadow.yaml:1:1: a link \(to "\/etc\/shadow"\)/)]);
    expect(problemsOf(file)).toEqual([]);
  });

  it("names a link's target so that it cannot drive the terminal", () => {
    const { file, site } = pack();
    symlinkSync("x\u001b]2;pwned\u0007", join(site, "title"));
    const [line] = problemsOf(file);
    expect(line).toContain('(to "x\\u001b]2;pwned\\u0007")');
  });
});
