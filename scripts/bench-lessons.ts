// npm run bench, part `lessons`: `docker-tutor test` of every built-in lesson against a shell script
// that types the same solution commands with the docker CLI (bench-cli-script.ts), on the same
// daemon, median of runs interleaved (script, test, script, test, …). Merges `testVsCliScript`.
// The daemon is left as found: what the script made is removed after its timer stops, a swarm the
// host was not in is left, playgrounds go. Swarm work holds the tutor's swarm lock, taken before a
// timer starts, so waiting for another run's swarm lessons never counts (issue 19).
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DockerClient } from "../src/docker/client.js";
import { connectToDocker } from "../src/docker/connect.js";
import { realHostWorld } from "../src/docker/host-world.js";
import { removePlayground } from "../src/env/playground-lifecycle.js";
import { planPlayground } from "../src/env/playground-plan.js";
import { type DaemonObjects, madeSince, type OwnedResources, readDaemonObjects, removeOwned, snapshotOf } from "../src/engine/ownership.js";
import { prepareWorkspace } from "../src/engine/workspace.js";
import { type CatalogEntry, loadCatalog, loadLessonFile } from "../src/lessons/catalog.js";
import type { Lesson } from "../src/lessons/schema.js";
import type { Snapshot } from "../src/progress/store.js";
import { RUN_LABEL } from "../src/testing/lesson-test.js";
import { isolatedVariables, newSuffix, ownPlayground } from "../src/testing/isolation.js";
import { SWARM_LOCK_HOLDER_ENV, withSwarmLock } from "../src/testing/swarm-lock.js";
import { lessonScript, shellQuote } from "./bench-cli-script.js";

const RUNS = Number(process.env.BENCH_LESSON_RUNS ?? 3);
const cli = fileURLToPath(new URL("../bin/docker-tutor.js", import.meta.url));
const tutor = `${shellQuote(process.execPath)} ${shellQuote(cli)}`;
// A CLI built before the lock could be handed on would wait for this process's lock until it gave up.
const chunks = fileURLToPath(new URL("../dist/chunks/", import.meta.url));
if (!readdirSync(chunks).some((f) => readFileSync(join(chunks, f), "utf8").includes(SWARM_LOCK_HOLDER_ENV))) {
  throw new Error("dist/ is older than the swarm lock's hand-over: run `npm run build` first (`npm run bench` does).");
}
const { client } = await connectToDocker({}, realHostWorld());
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
// BENCH_LESSONS=5 (or "1 5") times only those lessons, on both sides: for trying the part out.
const only = (process.env.BENCH_LESSONS ?? "").split(/[\s,]+/).filter(Boolean);
const lessons = loadCatalog([], {}).filter((b) => only.length === 0 || only.includes(String(b.lesson.number)));

const hostSwarm = async (docker: DockerClient) => (await docker.info()).swarm;

/** A swarm this process saw inactive and finds active again is left: the daemon as it was found. */
async function leaveSwarmIfMade(wasActive: boolean, what: string): Promise<void> {
  if (wasActive || (await hostSwarm(client)).state === "inactive") return;
  console.warn(`  ${what} left the host in a swarm it was not in: leaving it`);
  await client.leaveSwarm();
}

/**
 * What the lesson's rules say the script made, less any container another test run labelled as its
 * own: the daemon is shared, and a container Docker named from a lesson image may be theirs.
 */
function scriptMade(lesson: Lesson, snapshot: Snapshot, now: DaemonObjects): OwnedResources {
  const owned = madeSince(lesson, snapshot, now);
  const foreign = new Set(now.containers.filter((c) => c.labels[RUN_LABEL] !== undefined).map((c) => c.id));
  return { ...owned, containers: owned.containers.filter((c) => !foreign.has(c.id)) };
}

/** One lesson's script, timed from its first command to its last; ms. */
async function scriptOf(base: CatalogEntry): Promise<number> {
  const suffix = newSuffix();
  const variables = await isolatedVariables(base.lesson, suffix, undefined, base.variables);
  const entry = loadLessonFile(base.file, base.source, variables, base.shellAllowed).entry;
  if (!entry) throw new Error(`${base.file} does not load`);
  const { lesson } = entry;
  const nodes = lesson.requires.nodes;
  const plan = nodes === undefined ? undefined : planPlayground(ownPlayground(lesson.requires.playground, suffix), nodes);
  const work = async () => {
    const swarm = await hostSwarm(client);
    const lines = lessonScript(lesson, {
      tutor,
      ...(plan ? { playground: plan } : {}),
      // `swarm init` on a host that is already a manager: test finds the step done, and so does a learner.
      doneOnArrival: (step) => swarm.isManager && step.checks.every((c) => c.kind === "swarm" && c.node === undefined),
    });
    const dir = mkdtempSync(join(tmpdir(), `dtt-bench-${lesson.slug}-`));
    chmodSync(dir, 0o755); // as test's workspace: a container's non-root user reads a bind mount of it
    prepareWorkspace(entry, dir);
    const snapshot = snapshotOf(await readDaemonObjects(client), new Date());
    try {
      const start = performance.now();
      // stderr is kept back (the CLI's build banner, a registry's log) and shown only if the script fails
      execFileSync("bash", ["-e", "-c", lines.join("\n")], { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
      return performance.now() - start;
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? "";
      throw new Error(`lesson ${lesson.number}'s script failed:\n${lines.join("\n")}\n${stderr}`);
    } finally {
      await removeOwned(client, scriptMade(lesson, snapshot, await readDaemonObjects(client)));
      if (plan) await removePlayground(client.playground(), plan.name).catch(() => undefined);
      // Only under the lock: outside it, a swarm that came up meanwhile is another run's.
      if (lesson.requires.swarm) await leaveSwarmIfMade(swarm.state !== "inactive", `lesson ${lesson.number}'s script`);
      rmSync(dir, { recursive: true, force: true });
    }
  };
  // A script that types the next command at once can race the daemon on a busy machine (a name
  // not yet in the network's DNS); a learner would type it again. The lesson's script runs again
  // from the start, after its cleanup, and the retry is counted.
  for (let attempt = 1; ; attempt++) {
    try {
      return await (lesson.requires.swarm ? withSwarmLock(work) : work());
    } catch (error) {
      if (attempt >= 3) throw error;
      scriptRetries.push(`lesson ${lesson.number}: ${String(error).split("\n").at(-2) ?? ""}`);
      console.warn(`  lesson ${lesson.number}'s script failed (${scriptRetries.at(-1)}); running it again`);
    }
  }
}
const scriptRetries: string[] = [];
const testRetries: string[] = [];

async function viaCliScript(): Promise<{ ms: number; byLesson: Record<number, number> }> {
  const byLesson: Record<number, number> = {};
  for (const base of lessons) byLesson[base.lesson.number] = Math.round(await scriptOf(base));
  return { ms: Object.values(byLesson).reduce((a, b) => a + b, 0), byLesson };
}

interface TestReport {
  readonly runs: { readonly lesson?: { readonly number: number }; readonly suffix: string; readonly steps: { readonly id: string; readonly ok: boolean; readonly ms: number; readonly message?: string }[] }[];
  readonly passed: number;
  readonly failed: number;
}

/**
 * `docker-tutor test` with its defaults, every lesson. The lock is this process's before the timer
 * starts and the child is told so: it then never waits for it.
 */
async function viaTutorTest(): Promise<{ ms: number; passed: number; byLesson: Record<number, number> }> {
  for (;;) {
    const result = await tutorTestOnce();
    if (result) return result;
  }
}

function tutorTestOnce(): Promise<{ ms: number; passed: number; byLesson: Record<number, number> } | undefined> {
  return withSwarmLock(async () => {
    const swarm = await hostSwarm(client);
    const start = performance.now();
    const result = spawnSync(process.execPath, [cli, "test", "--json", ...only], {
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, NO_COLOR: "1", [SWARM_LOCK_HOLDER_ENV]: String(process.pid) },
    });
    const ms = performance.now() - start;
    await leaveSwarmIfMade(swarm.state !== "inactive", "docker-tutor test");
    let report: TestReport;
    try {
      report = JSON.parse(result.stdout) as TestReport;
    } catch {
      // An error it did not expect from a shared, busy daemon: once more, counted; its time is not.
      if (testRetries.length < 2) {
        testRetries.push(result.stderr.trim().split("\n")[0] ?? "");
        console.warn(`  docker-tutor test stopped with no report (${testRetries.at(-1)}); running it again`);
        return undefined;
      }
      throw new Error(`docker-tutor test exited ${result.status} with no report:\n${result.stdout}${result.stderr}`);
    }
    // A playground a run failed to remove goes too (its name ends in the run's suffix).
    for (const base of lessons.filter((b) => b.lesson.requires.nodes !== undefined)) {
      for (const run of report.runs) await removePlayground(client.playground(), ownPlayground(base.lesson.requires.playground, run.suffix));
    }
    if (result.status !== 0 || report.failed > 0) {
      const failed = report.runs.flatMap((r) => r.steps.filter((s) => !s.ok).map((s) => `lesson ${r.lesson?.number} ${s.id}: ${s.message ?? ""}`));
      throw new Error(`docker-tutor test: ${report.failed} failed (exit ${result.status}):\n${failed.join("\n")}\n${result.stderr}`);
    }
    const byLesson: Record<number, number> = {};
    for (const run of report.runs) {
      if (run.lesson) byLesson[run.lesson.number] = (byLesson[run.lesson.number] ?? 0) + run.steps.reduce((a, s) => a + s.ms, 0);
    }
    return { ms, passed: report.passed, byLesson };
  });
}

const loadAtStart = loadavg().map((l) => +l.toFixed(2));
const samples = { tutor: [] as number[], script: [] as number[] };
const lessonTimes = { tutor: [] as Record<number, number>[], script: [] as Record<number, number>[] };
let steps = 0;
for (let i = 0; i < RUNS; i++) {
  const script = await viaCliScript();
  samples.script.push(script.ms);
  lessonTimes.script.push(script.byLesson);
  console.log(`  run ${i + 1}: script ${(script.ms / 1000).toFixed(1)} s ${JSON.stringify(script.byLesson)}`);
  const test = await viaTutorTest();
  samples.tutor.push(test.ms);
  lessonTimes.tutor.push(test.byLesson);
  steps = test.passed;
  console.log(`  run ${i + 1}: docker-tutor test ${(test.ms / 1000).toFixed(1)} s (${test.passed} passed; steps by lesson ${JSON.stringify(test.byLesson)})`);
}

const testVsCliScript = {
  runs: RUNS,
  lessons: lessons.map((b) => b.lesson.number),
  tutorMs: Math.round(median(samples.tutor)),
  scriptMs: Math.round(median(samples.script)),
  ratio: +(median(samples.tutor) / median(samples.script)).toFixed(2),
  tutorSamplesMs: samples.tutor.map(Math.round),
  scriptSamplesMs: samples.script.map(Math.round),
  /** Per lesson: the script's time, and the sum of test's step times (its wall time also holds startup and cleanup). */
  scriptByLessonMs: lessonTimes.script,
  tutorStepsByLessonMs: lessonTimes.tutor,
  testOutcomesPassed: steps,
  /** Lesson scripts that failed and ran again from the start (their time is not counted). */
  scriptRetries,
  /** `docker-tutor test` runs that stopped with an error and no report, and ran again (not counted). */
  testRetries,
  load: { atStart: loadAtStart, atEnd: loadavg().map((l) => +l.toFixed(2)) },
};
console.log(
  `docker-tutor test, every lesson, median of ${RUNS} interleaved runs: ${testVsCliScript.tutorMs} ms; the same commands in a docker CLI script: ${testVsCliScript.scriptMs} ms → ${testVsCliScript.ratio}× (target ≤ 1.0×)`,
);
const file = new URL("../bench/results.json", import.meta.url);
const previous = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
writeFileSync(file, `${JSON.stringify({ ...previous, testVsCliScript }, null, 2)}\n`);
