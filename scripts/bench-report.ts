// bench/results.json against the spec's targets (bench-targets.ts). `--readme` writes the README's
// performance table between its markers; `--check` prints every target and exits 1 on a miss. It
// times nothing: `npm run bench -- --check` is a regression guard, not a timed test.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { type BenchResults, checkReport, failing, renderTable, TABLE_END, TABLE_START, targetRows, withTable } from "./bench-targets.js";

const resultsFile = new URL("../bench/results.json", import.meta.url);
const readmeFile = new URL("../README.md", import.meta.url);

if (!existsSync(resultsFile)) {
  console.error("bench/results.json is missing: run `npm run bench` first.");
  process.exit(1);
}
const results = JSON.parse(readFileSync(resultsFile, "utf8")) as BenchResults;
const rows = targetRows(results);

if (process.argv.includes("--readme")) {
  const readme = readFileSync(readmeFile, "utf8");
  const next = withTable(readme, renderTable(results, rows));
  if (next === undefined) {
    console.error(`README.md has no performance table to replace: put ${TABLE_START} and ${TABLE_END} where it goes.`);
    process.exit(1);
  }
  writeFileSync(readmeFile, next);
  console.log("README.md: the performance table follows bench/results.json.");
}
if (process.argv.includes("--check")) {
  process.stdout.write(checkReport(rows));
  process.exit(failing(rows).length === 0 ? 0 : 1);
}
