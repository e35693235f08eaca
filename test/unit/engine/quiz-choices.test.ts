import { describe, expect, it } from "vitest";
import { choiceNamed, choiceOrder } from "../../../src/engine/quiz-choices.js";
import { loadCatalog } from "../../../src/lessons/catalog.js";

const choices = ["the right one", "second", "third", "fourth"];

describe("choiceOrder", () => {
  it("is the same order for the same lesson and step, every time", () => {
    expect(choiceOrder("networks/list-networks", choices)).toEqual(choiceOrder("networks/list-networks", choices));
  });

  it("is a shuffle: the same choices, in an order that depends on the seed", () => {
    const orders = ["a/1", "a/2", "b/1", "b/2", "c/1", "c/2"].map((seed) => choiceOrder(seed, choices));
    for (const order of orders) expect([...order].sort()).toEqual([...choices].sort());
    expect(new Set(orders.map((o) => o.join("|"))).size).toBeGreaterThan(1);
    expect(choiceOrder("x", [])).toEqual([]);
  });

  it("puts the right answer of the built-in lessons' select quizzes in more than one place", () => {
    const places = loadCatalog([], {}).flatMap((entry) =>
      entry.lesson.steps.flatMap((step) =>
        step.quiz?.type === "select"
          ? [choiceOrder(`${entry.lesson.id}/${step.id}`, step.quiz.choices ?? []).indexOf(String(step.quiz.answer))]
          : [],
      ),
    );
    expect(places.length).toBeGreaterThan(5);
    expect(new Set(places).size).toBeGreaterThan(2);
    expect(places.filter((p) => p === 0).length).toBeLessThan(places.length / 2);
  });
});

describe("choiceNamed", () => {
  const shown = ["bridge", "host", "none", "3"];
  it.each([
    ["2", "host"],
    [" 2. ", "host"],
    ["BRIDGE", "bridge"],
    ["  none ", "none"],
    ["3", "3"], // a choice that is itself a number is taken as written
    ["4", "3"],
    ["5", undefined],
    ["0", undefined],
    ["docker network ls", undefined],
    ["", undefined],
  ])("%j → %j", (line, expected) => {
    expect(choiceNamed(line, shown)).toBe(expected);
  });
});
