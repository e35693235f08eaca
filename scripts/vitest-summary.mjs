// The plain line CI reads, `N passed, N failed`, from one or more vitest JSON reports (CI runs its
// test files in several streams). A report that is missing or unreadable means its stream never
// finished: it counts as one failure. A file whose setup failed reports its tests as skipped:
// those count as failed here.
import { readFileSync } from "node:fs";
import { relative } from "node:path";

const firstLine = (text) => (text ?? "").trim().split("\n")[0].slice(0, 300);

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
for (const path of process.argv.slice(2)) {
  let report;
  try {
    report = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    console.error(`${path}: no vitest report (its stream did not finish)`);
    failed += 1;
    continue;
  }
  const notRun = (file) => file.assertionResults.filter((t) => t.status !== "passed" && t.status !== "failed").length;
  const lost = report.testResults.filter((file) => file.status === "failed").reduce((n, file) => n + notRun(file), 0);
  for (const file of report.testResults) {
    const where = relative(process.cwd(), file.name);
    const failedHere = file.assertionResults.filter((t) => t.status === "failed");
    for (const t of failedHere) failures.push(`${where} › ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
    if (file.status === "failed" && failedHere.length === 0) failures.push(`${where}: ${firstLine(file.message)}`);
  }
  passed += report.numPassedTests;
  failed += report.numFailedTests + lost;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0) - lost;
}
// CI shows the end of its output: the failures' names go just above the counts.
if (failures.length > 0) console.log(`failed:\n${failures.map((f) => `  ${f}`).join("\n")}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
