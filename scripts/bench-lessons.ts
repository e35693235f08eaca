// `docker-tutor test` of every lesson against a shell script that runs the same solution commands
// with the docker CLI (generated from the lessons, same daemon, runs interleaved), and
// `docker-tutor check` of every lesson. Run by `npm run bench` (with tsx) after the CLI is built.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { connectToDocker } from "../src/docker/connect.js";
import { realHostWorld } from "../src/docker/host-world.js";
import { madeSince, readDaemonObjects, removeOwned, snapshotOf } from "../src/engine/ownership.js";
import { prepareWorkspace } from "../src/engine/workspace.js";
import { loadCatalog, loadLessonFile } from "../src/lessons/catalog.js";
import { isolatedVariables, newSuffix } from "../src/testing/isolation.js";

const RUNS = Number(process.env.BENCH_LESSON_RUNS ?? 2);
const CHECK_RUNS = Number(process.env.BENCH_CHECK_RUNS ?? 10);
const cli = fileURLToPath(new URL("../bin/docker-tutor.js", import.meta.url));
const { client } = await connectToDocker({}, realHostWorld());
const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** Every lesson's solutions as one shell script with the docker CLI, each lesson in its own workspace, then its cleanup. */
async function viaCliScript(): Promise<number> {
  let total = 0;
  for (const base of loadCatalog([], {})) {
    const vars = await isolatedVariables(base.lesson, newSuffix());
    const entry = loadLessonFile(base.file, base.source, vars, base.shellAllowed).entry;
    if (!entry) throw new Error(`${base.file} does not load`);
    const dir = mkdtempSync(join(tmpdir(), "dtt-bench-"));
    prepareWorkspace(entry, dir);
    const lines = entry.lesson.steps.flatMap((step) =>
      step.solution.map((a) => {
        if ("run" in a) return a.stdin ? `printf %s ${quote(a.stdin)} | ${a.run} >/dev/null` : `${a.run} >/dev/null`;
        if ("shell" in a) return a.shell;
        if ("copy" in a) return `cp ${quote(a.copy.from)} ${quote(a.copy.to)}`;
        return `printf %s ${quote(a.write.content)} > ${quote(a.write.path)}`;
      }),
    );
    const snapshot = snapshotOf(await readDaemonObjects(client), new Date());
    const start = performance.now();
    // stderr is kept back (the CLI's build banner, a registry's log) and shown only if the script fails
    execFileSync("bash", ["-e", "-c", lines.join("\n")], { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
    total += performance.now() - start;
    await removeOwned(client, madeSince(entry.lesson, snapshot, await readDaemonObjects(client)));
    rmSync(dir, { recursive: true, force: true });
  }
  return total;
}

function viaTutorTest(): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, [cli, "test"], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`docker-tutor test failed:\n${result.stdout}${result.stderr}`);
  return ms;
}

const samples = { tutor: [] as number[], script: [] as number[] };
for (let i = 0; i < RUNS; i++) {
  samples.script.push(await viaCliScript());
  samples.tutor.push(viaTutorTest());
}
const data = mkdtempSync(join(tmpdir(), "dtt-bench-data-"));
const checks: number[] = [];
for (let i = 0; i < CHECK_RUNS; i++) {
  const start = performance.now();
  spawnSync(process.execPath, [cli, "check"], { stdio: "ignore", env: { ...process.env, DOCKER_TUTOR_DATA_DIR: data } });
  checks.push(performance.now() - start);
}
rmSync(data, { recursive: true, force: true });

const lessonsTest = {
  runs: RUNS,
  tutorTestMs: Math.round(median(samples.tutor)),
  cliScriptMs: Math.round(median(samples.script)),
  ratio: +(median(samples.tutor) / median(samples.script)).toFixed(2),
};
const checkAll = { runs: CHECK_RUNS, medianMs: Math.round(median(checks)) };
console.log(
  `docker-tutor test, all lessons, median of ${RUNS} interleaved runs: ${lessonsTest.tutorTestMs} ms; the same commands in a docker CLI script: ${lessonsTest.cliScriptMs} ms → ${lessonsTest.ratio}× (target ≤ 1.0×)`,
);
console.log(`docker-tutor check, all lessons, median of ${CHECK_RUNS}: ${checkAll.medianMs} ms (target ≤ 300 ms)`);
const file = new URL("../bench/results.json", import.meta.url);
writeFileSync(file, `${JSON.stringify({ ...JSON.parse(readFileSync(file, "utf8")), lessonsTest, checkAll }, null, 2)}\n`);
