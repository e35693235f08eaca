// npm run bench [PART…] [--check]: performance as ratios measured in one run (never from a timed
// unit test). Each part runs as a child process and merges its own key into bench/results.json;
// then the README's performance table is written from that file. `--check` times nothing: it
// compares bench/results.json with the spec's targets and exits 1 on a miss (issue 19).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const tsx = fileURLToPath(new URL("../node_modules/.bin/tsx", import.meta.url));
const node = process.execPath;

/** Every part, in the order a whole run takes them: the command and the key it writes. */
const PARTS = {
  cold: { argv: [node, "scripts/bench-cold.mjs"], writes: "coldStart" },
  package: { argv: [node, "scripts/bench-package.mjs"], writes: "publishedPackage" },
  verdict: { argv: [tsx, "scripts/bench-feedback.ts"], writes: "verdictLatency" },
  solve: { argv: [tsx, "scripts/bench-solve.ts"], writes: "lesson1Solutions" },
  lessons: { argv: [tsx, "scripts/bench-lessons.ts"], writes: "testVsCliScript" },
  check: { argv: [tsx, "scripts/bench-check.ts"], writes: "checkAll" },
};
const report = (...args) => spawnSync(tsx, ["scripts/bench-report.ts", ...args], { cwd: root, stdio: "inherit" }).status ?? 1;

const args = process.argv.slice(2);
const check = args.includes("--check");
const named = args.filter((a) => a !== "--check");
const unknown = named.filter((a) => !(a in PARTS));
if (unknown.length > 0) {
  console.error(`npm run bench: no part named ${unknown.join(", ")}. The parts: ${Object.keys(PARTS).join(", ")} (and --check).`);
  process.exit(2);
}
// `--check` alone measures nothing; with parts named, they run first.
const chosen = named.length > 0 ? named : check ? [] : Object.keys(PARTS);

if (chosen.length > 0) {
  const file = new URL("../bench/results.json", import.meta.url);
  mkdirSync(new URL("../bench", import.meta.url), { recursive: true });
  const previous = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  const machine = { cores: cpus().length, loadAtStart: loadavg().map((l) => +l.toFixed(2)) };
  writeFileSync(file, `${JSON.stringify({ ...previous, date: new Date().toISOString(), node: process.version, machine }, null, 2)}\n`);
  const failed = [];
  for (const name of chosen) {
    const [command, ...rest] = PARTS[name].argv;
    console.log(`\n== bench ${name} (${PARTS[name].writes})`);
    const result = spawnSync(command, rest, { cwd: root, stdio: "inherit" });
    if (result.status !== 0) failed.push(`${name} (exit ${result.status ?? result.signal})`);
  }
  // The README's table follows the file, whatever was measured this time.
  report("--readme");
  if (failed.length > 0) {
    console.error(`\nnpm run bench: these parts failed and wrote nothing new: ${failed.join(", ")}`);
    process.exit(1);
  }
}
if (check) process.exit(report("--check"));
