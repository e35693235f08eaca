import { describe, expect, it } from "vitest";
import {
  type BenchResults,
  checkReport,
  duration,
  failing,
  renderTable,
  TABLE_END,
  TABLE_START,
  targetRows,
  withTable,
} from "../../../scripts/bench-targets.js";

const allMet: BenchResults = {
  date: "2026-12-07T08:00:00.000Z",
  node: "v20.20.0",
  machine: { cores: 2, loadAtStart: [1.5, 1.2, 0.9] },
  coldStart: [
    { name: "node -e 0", medianMs: 60, ratio: 1 },
    { name: "docker-tutor --help", medianMs: 80, ratio: 1.33, peakRssMb: 45.2 },
    { name: "docker-tutor list", medianMs: 85, ratio: 1.42, peakRssMb: 50.1 },
  ],
  verdictLatency: { steps: 40, medianMs: 12, p95Ms: 60 },
  testVsCliScript: { tutorMs: 30_000, scriptMs: 31_000, ratio: 0.97, runs: 3 },
  checkAll: { runs: 10, medianMs: 250 },
};
const status = (results: BenchResults) => targetRows(results).map((r) => r.status);

describe("targetRows", () => {
  it("every target met", () => expect(status(allMet)).toEqual([...Array(7).fill("met"), "not benched"]));
  it("nothing measured", () => expect(status({})).toEqual([...Array(7).fill("not measured"), "not benched"]));
  it("a ratio just at the target is met", () =>
    expect(status({ ...allMet, testVsCliScript: { tutorMs: 1, scriptMs: 1, ratio: 1.0, runs: 3 } })[5]).toBe("met"));
  it("a ratio over it is missed", () =>
    expect(status({ ...allMet, testVsCliScript: { tutorMs: 83_100, scriptMs: 30_300, ratio: 2.74, runs: 3 } })[5]).toBe("missed"));
  it("cold start of list over 1.5×", () =>
    expect(
      status({
        ...allMet,
        coldStart: [
          { name: "node -e 0", medianMs: 72, ratio: 1 },
          { name: "docker-tutor list", medianMs: 124, ratio: 1.72 },
        ],
      }).slice(0, 3),
    ).toEqual(["missed", "not measured", "not measured"]));
  it("peak RSS is the larger of list and --help", () => {
    const rows = targetRows({
      coldStart: [
        { name: "node -e 0", medianMs: 60, ratio: 1, peakRssMb: 40 },
        { name: "docker-tutor --help", medianMs: 80, ratio: 1.3, peakRssMb: 61 },
        { name: "docker-tutor list", medianMs: 80, ratio: 1.3, peakRssMb: 52 },
      ],
    });
    expect(rows[2]).toMatchObject({ value: "61 MB", status: "missed" });
  });
  it("verdict median and p95 apart", () =>
    expect(status({ ...allMet, verdictLatency: { steps: 40, medianMs: 25, p95Ms: 101 } }).slice(3, 5)).toEqual(["met", "missed"]));
  it("check of all lessons", () => expect(status({ ...allMet, checkAll: { runs: 10, medianMs: 301 } })[6]).toBe("missed"));
});

describe("duration", () => {
  it("ms below 10 s", () => expect(duration(9_999.4)).toBe("9999 ms"));
  it("seconds above", () => expect(duration(83_149)).toBe("83.1 s"));
});

describe("checkReport", () => {
  it("all met", () => expect(checkReport(targetRows(allMet))).toMatch(/Every benched target is met\.\n$/));
  it("a miss and an unmeasured target both fail", () => {
    const rows = targetRows({ ...allMet, checkAll: undefined, testVsCliScript: { tutorMs: 2, scriptMs: 1, ratio: 2, runs: 3 } });
    expect(failing(rows).map((r) => r.status)).toEqual(["missed", "not measured"]);
    const report = checkReport(rows);
    expect(report).toContain("MISS `docker-tutor test` of every lesson vs their commands in a docker CLI script: 2 ms vs 1 ms = 2.00×");
    expect(report).toContain("MISS `docker-tutor check` of every lesson: – (target ≤ 300 ms, not measured)");
    expect(report).toMatch(/2 targets missed\.\n$/);
  });
});

describe("renderTable", () => {
  it("a row per target, with where it was measured", () => {
    const table = renderTable(allMet, targetRows(allMet));
    expect(table).toContain("(measured 2026-12-07; Node 20.20.0; 2 cores; load average 1.5, 1.2, 0.9 at the start)");
    expect(table).toContain("| cold start `docker-tutor list` vs `node -e 0` | 85 ms vs 60 ms = 1.42× | ≤ 1.5× | met |");
    expect(table).toContain(
      "| `docker-tutor test` of every lesson vs their commands in a docker CLI script | 30.0 s vs 31.0 s = 0.97× (median of 3, interleaved) | ≤ 1.0× | met |",
    );
    expect(table).toContain("| CI in a fresh clone, every engine leg | see CI | ≤ 30 min | not benched |");
    expect(table.split("\n").filter((l) => l.startsWith("|"))).toHaveLength(10);
  });
});

describe("withTable", () => {
  const readme = `# x\n\n## Performance\n\n${TABLE_START}\nold table\n${TABLE_END}\n\n## Next\n`;
  it("replaces what is between the markers", () =>
    expect(withTable(readme, "new\n")).toBe(`# x\n\n## Performance\n\n${TABLE_START}\nnew\n${TABLE_END}\n\n## Next\n`));
  it("is idempotent", () => expect(withTable(withTable(readme, "new\n") ?? "", "new\n")).toBe(withTable(readme, "new\n")));
  it("no markers", () => expect(withTable("# x\n", "new\n")).toBeUndefined());
  it("markers out of order", () => expect(withTable(`${TABLE_END}\n${TABLE_START}\n`, "new\n")).toBeUndefined());
});
