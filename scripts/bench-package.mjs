// npm run bench, the published package: what a learner's first `npx docker-tutor` downloads and
// installs, and how long it takes against a one-file package's npx run (the floor: npm's own
// work), interleaved in one run, every run with an empty npm cache (issue 20).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const RUNS = Number(process.env.BENCH_NPX_RUNS ?? 5);
const work = mkdtempSync(join(tmpdir(), "dt-bench-package-"));
const env = { ...process.env, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" };

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  return result;
}

/** Packs the folder into `work` and returns the tarball's path. */
function pack(folder) {
  const before = new Set(readdirSync(work));
  run("npm", ["pack", "--pack-destination", work], folder);
  const tarball = readdirSync(work).find((name) => name.endsWith(".tgz") && !before.has(name));
  if (!tarball) throw new Error(`npm pack made no tarball in ${folder}`);
  return join(work, tarball);
}

/** The floor: a package of one file whose bin prints a version, as small as an npx package gets. */
function oneFilePackage() {
  const folder = join(work, "one-file");
  mkdirSync(folder);
  writeFileSync(join(folder, "package.json"), JSON.stringify({ name: "one-file", version: "1.0.0", bin: { "one-file": "index.js" } }));
  writeFileSync(join(folder, "index.js"), '#!/usr/bin/env node\nconsole.log("1.0.0");\n');
  return pack(folder);
}

function sizeOf(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return { bytes: stat.size, files: 1 };
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(path)) {
    const inner = sizeOf(join(path, entry));
    bytes += inner.bytes;
    files += inner.files;
  }
  return { bytes, files };
}

/** `npm install <tarball>` into an empty project with an empty cache: the time, what it left, what npm said. */
function install(tarball) {
  const project = mkdtempSync(join(work, "install-"));
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "learner", private: true }));
  const start = process.hrtime.bigint();
  const result = run("npm", ["install", "--cache", mkdtempSync(join(work, "cache-")), tarball], project);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const modules = join(project, "node_modules");
  const packages = readdirSync(modules).filter((name) => !name.startsWith("."));
  const warnings = result.stderr.split("\n").filter((line) => /\bwarn\b/i.test(line));
  return { ms, packages, ...sizeOf(modules), warnings };
}

function npxOnce(tarball, bin) {
  const cwd = mkdtempSync(join(work, "npx-"));
  const start = process.hrtime.bigint();
  run("npx", ["--yes", "--cache", mkdtempSync(join(work, "cache-")), "--package", tarball, bin, "--version"], cwd);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const mb = (bytes) => +(bytes / 1e6).toFixed(2);

try {
  const tarball = pack(root);
  const floor = oneFilePackage();
  const installed = install(tarball);
  const samples = { tutor: [], floor: [] };
  for (let i = 0; i < RUNS; i++) {
    samples.floor.push(npxOnce(floor, "one-file"));
    samples.tutor.push(npxOnce(tarball, "docker-tutor"));
  }
  const npx = {
    runs: RUNS,
    medianMs: Math.round(median(samples.tutor)),
    floorMedianMs: Math.round(median(samples.floor)),
    ratio: +(median(samples.tutor) / median(samples.floor)).toFixed(2),
  };
  const result = {
    tarballMb: mb(statSync(tarball).size),
    installedMb: mb(installed.bytes),
    installedFiles: installed.files,
    installedPackages: installed.packages,
    installMs: Math.round(installed.ms),
    installWarnings: installed.warnings,
    npx,
  };
  console.log("the packed package (npm cache empty for every install)");
  const what = installed.packages.join(", ");
  console.log(`  tarball ${result.tarballMb} MB; installed ${result.installedMb} MB in ${result.installedFiles} files (${what})`);
  console.log(`  npm install of the tarball ${result.installMs} ms, ${installed.warnings.length} warnings`);
  console.log(`  first npx --version: median of ${RUNS} ${npx.medianMs} ms vs one-file floor ${npx.floorMedianMs} ms = ${npx.ratio}×`);
  for (const line of installed.warnings) console.log(`    ${line}`);
  const file = new URL("../bench/results.json", import.meta.url);
  mkdirSync(new URL("../bench", import.meta.url), { recursive: true });
  const previous = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  writeFileSync(file, `${JSON.stringify({ ...previous, publishedPackage: result }, null, 2)}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
