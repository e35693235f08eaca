// npm run bench, part `check`: `docker-tutor check` of every lesson, median of runs, with an empty
// data folder (no progress recorded). Merges `checkAll` into bench/results.json.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const RUNS = Number(process.env.BENCH_CHECK_RUNS ?? 10);
const cli = fileURLToPath(new URL("../bin/docker-tutor.js", import.meta.url));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

const data = mkdtempSync(join(tmpdir(), "dtt-bench-data-"));
const samples: number[] = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    spawnSync(process.execPath, [cli, "check"], { stdio: "ignore", env: { ...process.env, DOCKER_TUTOR_DATA_DIR: data } });
    samples.push(performance.now() - start);
  }
} finally {
  rmSync(data, { recursive: true, force: true });
}
const checkAll = { runs: RUNS, medianMs: Math.round(median(samples)) };
console.log(`docker-tutor check, all lessons, median of ${RUNS}: ${checkAll.medianMs} ms (target ≤ 300 ms)`);
const file = new URL("../bench/results.json", import.meta.url);
const previous = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
writeFileSync(file, `${JSON.stringify({ ...previous, checkAll }, null, 2)}\n`);
