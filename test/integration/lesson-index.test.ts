import { describe, expect, it } from "vitest";
import { builtInLessonsDir, loadCatalog } from "../../src/lessons/catalog.js";
import { readLessonIndex } from "../../src/lessons/lesson-index.js";

/** `list` reads the build's index; it must say exactly what loading the lessons says. */
describe("the build's lesson index", () => {
  it("the build's index says what the full load of the built-in lessons says", () => {
    const indexed = readLessonIndex(builtInLessonsDir());
    expect(indexed, "run `npm run build` first: npm test does").toBeDefined();
    const loaded = loadCatalog([], {}).map(({ lesson: l }) => ({
      number: l.number,
      id: l.id,
      slug: l.slug,
      title: l.title,
      minutes: l.minutes,
      stepIds: l.steps.map((s) => s.id),
      source: "built-in",
    }));
    expect(indexed).toEqual(loaded);
  });
});
