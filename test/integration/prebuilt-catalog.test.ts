import { describe, expect, it } from "vitest";
import { builtInLessonsDir, loadCatalog } from "../../src/lessons/catalog.js";
import { indexOf, readPrebuiltCatalog, readPrebuiltIndex } from "../../src/lessons/prebuilt-catalog.js";

/** Commands read the build's prebuilt lessons; they must be exactly what loading the files gives. */
describe("the build's prebuilt lessons", () => {
  it("equal a fresh load of the built-in lesson files", () => {
    const prebuilt = readPrebuiltCatalog(builtInLessonsDir());
    expect(prebuilt, "run `npm run build` first: npm test does").toBeDefined();
    expect(prebuilt).toEqual(JSON.parse(JSON.stringify(loadCatalog([], {}))));
  });

  it("have an index (what list shows) that matches them", () => {
    const entries = loadCatalog([], {}).map(({ lesson, variables }) => ({ fileName: "", lesson, variables }));
    expect(readPrebuiltIndex(builtInLessonsDir())).toEqual(indexOf({ files: [], entries }).lessons);
  });
});
