// npm run bench, part `cold`: cold start of the CLI against bare node, interleaved so both see
// the same machine, and each command's peak RSS. Merges `coldStart` into bench/results.json.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const cli = fileURLToPath(new URL("../bin/docker-tutor.js", import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const cases = {
  "node -e 0": [process.execPath, "-e", "0"],
  "docker-tutor --help": [process.execPath, cli, "--help"],
  "docker-tutor --version": [process.execPath, cli, "--version"],
  "docker-tutor list": [process.execPath, cli, "list"],
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** Peak resident memory of one run, in MB, from GNU time (absent: undefined). */
function peakRssMb([command, ...args]) {
  const result = spawnSync("/usr/bin/time", ["-f", "%M", command, ...args], { encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] });
  const kb = Number(result.stderr.trim().split("\n").at(-1));
  return result.status === 0 && Number.isFinite(kb) ? +(kb / 1024).toFixed(1) : undefined;
}

function timeOnce([command, ...args]) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: "ignore" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${result.status}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
for (const argv of Object.values(cases)) timeOnce(argv); // warm the file cache once
for (let i = 0; i < RUNS; i++) for (const [name, argv] of Object.entries(cases)) samples[name].push(timeOnce(argv));

const base = median(samples["node -e 0"]);
const rows = Object.entries(samples).map(([name, xs]) => ({
  name,
  runs: xs.length,
  medianMs: +median(xs).toFixed(1),
  ratio: +(median(xs) / base).toFixed(2),
  peakRssMb: peakRssMb(cases[name]),
}));
console.log(`cold start, median of ${RUNS} interleaved runs`);
for (const r of rows) {
  const rss = r.peakRssMb === undefined ? "" : `   peak RSS ${r.peakRssMb} MB`;
  console.log(`  ${r.name.padEnd(26)} ${String(r.medianMs).padStart(7)} ms   ${r.ratio.toFixed(2)}× node -e 0${rss}`);
}
mkdirSync(new URL("../bench", import.meta.url), { recursive: true });
const file = new URL("../bench/results.json", import.meta.url);
const previous = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
writeFileSync(file, `${JSON.stringify({ ...previous, coldStart: rows }, null, 2)}\n`);
