// Splits the integration test files between CI's engines so that each engine's share takes about
// as long: longest first, each to the engine with the least work so far. Durations come from
// .ci/durations.json (seconds per file, from earlier runs' vitest JSON: `--learn FILE…` moves
// each file's figure halfway to the run's); a file not in it counts as DEFAULT_SECONDS.
//
//   node scripts/ci-shards.mjs N K        the files of share K (1…N), one per line
//   node scripts/ci-shards.mjs --host-only the files that run on /var/run/docker.sock (HOST_ONLY)
//   node scripts/ci-shards.mjs --learn F… move .ci/durations.json halfway to these vitest JSON reports
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const DURATIONS = join(root, ".ci/durations.json");
const DEFAULT_SECONDS = 60;

/**
 * Files that run on the engine on /var/run/docker.sock in the host's own network namespace: they
 * reach Podman and rootless Docker, whose published ports are on the host's loopback. .ci/run runs
 * them there with the unit tests.
 */
export const HOST_ONLY = [
  "test/integration/other-daemons.test.ts",
  "test/integration/podman.test.ts",
  "test/integration/prepare-archive-podman.test.ts",
];

/** Runs first, alone, on /var/run/docker.sock: it restarts that engine (.ci/run says why). */
export const RESTART = "test/integration/daemon-restart.test.ts";

function integrationFiles() {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".test.ts")) found.push(relative(root, path));
    }
  };
  walk(join(root, "test/integration"));
  return found.sort();
}

function readDurations() {
  try {
    return JSON.parse(readFileSync(DURATIONS, "utf8"));
  } catch {
    return {};
  }
}

export function shares(files, durations, n) {
  const bins = Array.from({ length: n }, () => ({ seconds: 0, files: [] }));
  const cost = (f) => durations[f] ?? DEFAULT_SECONDS;
  for (const file of [...files].sort((a, b) => cost(b) - cost(a) || a.localeCompare(b))) {
    const bin = bins.reduce((least, b) => (b.seconds < least.seconds ? b : least));
    bin.files.push(file);
    bin.seconds += cost(file);
  }
  return bins;
}

function learn(reports) {
  const durations = readDurations();
  for (const report of reports) {
    for (const file of JSON.parse(readFileSync(report, "utf8")).testResults) {
      // the report may come from another checkout of the same tree
      const at = file.name.indexOf("test/integration/");
      if (at < 0) continue;
      const seconds = (file.endTime - file.startTime) / 1000;
      const before = durations[file.name.slice(at)];
      // a file's time moves with the load beside it: half the last run, half the runs before
      durations[file.name.slice(at)] = Math.round(before === undefined ? seconds : (before + seconds) / 2);
    }
  }
  const sorted = Object.fromEntries(Object.entries(durations).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(DURATIONS, `${JSON.stringify(sorted, null, 2)}\n`);
}

const [first, ...rest] = process.argv.slice(2);
if (first === "--learn") {
  learn(rest);
} else if (first === "--host-only") {
  for (const f of HOST_ONLY) console.log(f);
} else {
  const n = Number(first);
  const k = Number(rest[0]);
  if (!(Number.isInteger(n) && n > 0 && Number.isInteger(k) && k >= 1 && k <= n)) {
    console.error("usage: node scripts/ci-shards.mjs N K  |  --learn VITEST_JSON…");
    process.exit(2);
  }
  const files = integrationFiles().filter((f) => !HOST_ONLY.includes(f) && f !== RESTART);
  const share = shares(files, readDurations(), n)[k - 1];
  console.error(`share ${k} of ${n}: ${share.files.length} files, about ${Math.round(share.seconds / 60)} min`);
  for (const f of share.files) console.log(f);
}
