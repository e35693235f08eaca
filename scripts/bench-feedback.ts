// Live feedback on real steps: for every task step of every built-in lesson, in the lesson harness
// (a LessonRun watched as `docker-tutor lesson` watches it), the time from the daemon event that
// completes the step to the verdict. Each step's arrival round settles first; then its solution
// runs with the docker CLI (a node's commands against the node's daemon, as `env shell` gives
// them); the `passed` output's trigger names the event: the newest waking event received before the
// verdict (a round that started on `create` may read the state `start` brought, as Docker answers an
// inspect of a starting container only once it is up), and the round's own is kept beside it
// (`fromRoundStart`). Steps passed by something else (a tick, a
// file write, already true on arrival) are counted apart. Run by `npm run bench` (with tsx):
//   npx tsx scripts/bench-feedback.ts [LESSON…]
// It leaves the daemon as it found it: what each lesson made is removed, a swarm it started is
// left, a playground it started is removed; lessons that need a swarm take the swarm lock.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { madeSince, readDaemonObjects, removeOwned } from "../src/engine/ownership.js";
import { loadCatalog } from "../src/lessons/catalog.js";
import { freePort, isolatedVariables, newSuffix } from "../src/testing/isolation.js";
import { withSwarmLock } from "../src/testing/swarm-lock.js";
import { lessonWorkspace, runSolution, startHeadlessLesson } from "../test/helpers/lesson-harness.js";

/** As `docker-tutor lesson` polls what no event announces. */
const TICK_MS = 2000;
/** How long a step may take to pass after its solution before the bench presses `c` and counts it apart. */
const STEP_TIMEOUT_MS = Number(process.env.BENCH_STEP_TIMEOUT_MS ?? 30_000);

interface StepTiming {
  readonly lesson: number;
  readonly step: string;
  /** Event → verdict, for a step a daemon event completed: from the newest waking event before the verdict. */
  readonly ms?: number;
  /** From the event the passing round started on (earlier, when the round read what a later event brought). */
  readonly fromRoundStartMs?: number;
  /** What passed it otherwise: start, manual (a tick or `c`), command. */
  readonly by?: string;
}

const docker = (...args: string[]) => execFileSync("docker", args, { encoding: "utf8" }).trim();
const swarmState = () => docker("info", "--format", "{{.Swarm.LocalNodeState}}");
const networkNames = () => docker("network", "ls", "--format", "{{.Name}}").split("\n");

async function benchLesson(number: number): Promise<StepTiming[]> {
  const base = loadCatalog([], {}).find((e) => e.lesson.number === number);
  if (!base) throw new Error(`no built-in lesson ${number}`);
  const picked = new Set<number>();
  const pickPort = async (): Promise<number> => {
    for (;;) {
      const port = await freePort();
      if (!picked.has(port)) return picked.add(port), port;
    }
  };
  // The swarm advertises the loopback address, as the lesson-5 tests do.
  const vars = await isolatedVariables(base.lesson, newSuffix(), pickPort, base.lesson.requires.swarm ? { addr: "127.0.0.1" } : {});
  const gwbridgeBefore = networkNames().includes("docker_gwbridge");
  const swarmBefore = base.lesson.requires.swarm ? swarmState() : undefined;
  const h = await startHeadlessLesson(number, vars, { tickMs: TICK_MS });
  const workspace = lessonWorkspace(h.entry);
  const { nodes } = h.run;
  if (nodes) await h.run.startPlayground({ say: () => undefined });
  const timings: StepTiming[] = [];
  try {
    for (const [index, step] of h.entry.lesson.steps.entries()) {
      const shown = await h.waitFor((o) => o.type === "step" && o.index === index, STEP_TIMEOUT_MS);
      const from = h.outputs.indexOf(shown);
      if (step.kind === "quiz" && step.quiz) {
        const accepted = await h.run.expectedAnswers(step.quiz);
        h.session.engine.dispatch({ type: "answer", value: accepted[0] ?? "" });
        await h.waitFor((o) => o.type === "quiz-result" && o.step.id === step.id, STEP_TIMEOUT_MS, from);
        continue;
      }
      // The arrival round settles, so the verdict can only come from what the solution does.
      // (others' events on a shared daemon keep rounds coming: wait for quiet at most a few seconds)
      await Promise.race([h.session.engine.idle(), new Promise((resolve) => setTimeout(resolve, 3000))]);
      const early = h.outputs.slice(from).find((o) => o.output.type === "passed" && o.output.step.id === step.id);
      if (!early) {
        const failed = await runSolution(step, workspace, nodes).then(
          () => undefined,
          (error: unknown) => (error instanceof Error ? error.message : String(error)).split("\n")[0],
        );
        if (failed) {
          // A lab command that failed on a loaded machine (a name not resolved yet): the step is skipped, not timed.
          console.error(`lesson ${number} ${step.id}: its solution failed: ${failed}`);
          timings.push({ lesson: number, step: step.id, by: "solution failed" });
          h.session.engine.dispatch({ type: "key", key: "skip" });
          continue;
        }
      }
      let passed = early;
      try {
        passed ??= await h.waitFor((o) => o.type === "passed" && o.step.id === step.id, STEP_TIMEOUT_MS, from);
      } catch {
        h.session.engine.dispatch({ type: "key", key: "check" });
        passed = await h.waitFor((o) => o.type === "passed" && o.step.id === step.id, STEP_TIMEOUT_MS, from);
      }
      const { output, atMs } = passed;
      if (output.type !== "passed") continue;
      const trigger = output.trigger;
      timings.push(
        trigger.kind === "daemon-event"
          ? {
              lesson: number,
              step: step.id,
              ms: atMs - (trigger.latestEventTimeMs ?? trigger.eventTimeMs),
              fromRoundStartMs: atMs - trigger.eventTimeMs,
            }
          : { lesson: number, step: step.id, by: trigger.kind },
      );
    }
    await h.waitFor((o) => o.type === "lesson-done", STEP_TIMEOUT_MS);
  } finally {
    await h.session.close();
    await h.run.removePlayground();
    const snapshot = h.progress.lesson(h.entry.lesson.id)?.snapshot;
    if (snapshot) await removeOwned(h.client, madeSince(h.entry.lesson, snapshot, await readDaemonObjects(h.client)));
    rmSync(workspace, { recursive: true, force: true });
    rmSync(h.dataDir, { recursive: true, force: true });
    if (swarmBefore === "inactive") await tidySwarm(gwbridgeBefore);
  }
  return timings;
}

/** A swarm the lesson started is left (the ownership rules did it); what `swarm init` added goes with it. */
async function tidySwarm(gwbridgeBefore: boolean): Promise<void> {
  if (swarmState() === "active") docker("swarm", "leave", "--force");
  for (let i = 0; i < 30 && networkNames().includes("ingress"); i++) await new Promise((r) => setTimeout(r, 500));
  if (gwbridgeBefore || !networkNames().includes("docker_gwbridge")) return;
  for (let i = 0; i < 30; i++) {
    try {
      docker("network", "rm", "docker_gwbridge");
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

const wanted = process.argv.slice(2).map(Number);
const lessons = loadCatalog([], {})
  .map((e) => e.lesson)
  .filter((l) => wanted.length === 0 || wanted.includes(l.number))
  .sort((a, b) => a.number - b.number);
const timings: StepTiming[] = [];
for (const lesson of lessons) {
  const run = () => benchLesson(lesson.number);
  const got = lesson.requires.swarm ? await withSwarmLock(run) : await run();
  if (process.env.BENCH_DEBUG)
    for (const t of got) console.log(`  ${t.lesson} ${t.step}: ${t.ms ?? `(${t.by})`}${t.fromRoundStartMs === t.ms ? "" : ` (round started ${t.fromRoundStartMs} ms before)`}`);
  timings.push(...got);
}

const byEvent = timings.filter((t): t is StepTiming & { ms: number } => t.ms !== undefined);
const stats = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  const pick = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  const median = sorted.length % 2 ? pick(0.5) : ((sorted[sorted.length / 2 - 1] ?? 0) + (sorted[sorted.length / 2] ?? 0)) / 2;
  return { steps: sorted.length, medianMs: median, p95Ms: pick(0.95), maxMs: sorted.at(-1) ?? Number.NaN };
};
const byLesson = Object.fromEntries(
  lessons.map((l) => {
    const mine = timings.filter((t) => t.lesson === l.number);
    return [l.number, { ...stats(mine.flatMap((t) => (t.ms === undefined ? [] : [t.ms]))), otherwise: mine.filter((t) => t.ms === undefined).length }];
  }),
);
const otherwise = timings.filter((t) => t.ms === undefined).map((t) => ({ lesson: t.lesson, step: t.step, by: t.by }));
const fromRoundStart = stats(byEvent.map((t) => t.fromRoundStartMs ?? t.ms));
const verdictLatency = {
  ...stats(byEvent.map((t) => t.ms)),
  measuredFrom: "the newest daemon event the tutor received before the verdict (the one that completes the step)",
  fromRoundStart: { medianMs: fromRoundStart.medianMs, p95Ms: fromRoundStart.p95Ms, maxMs: fromRoundStart.maxMs },
  byLesson,
  slowest: [...byEvent].sort((a, b) => b.ms - a.ms).slice(0, 8).map(({ lesson, step, ms }) => ({ lesson, step, ms })),
  otherwise,
};
console.log(
  `daemon event → verdict over ${verdictLatency.steps} task steps (lessons ${lessons.map((l) => l.number).join(",")}): median ${verdictLatency.medianMs} ms, p95 ${verdictLatency.p95Ms} ms, max ${verdictLatency.maxMs} ms; ${otherwise.length} passed otherwise (target: median ≤ 25, p95 ≤ 100). From the event each passing round started on: median ${fromRoundStart.medianMs} ms, p95 ${fromRoundStart.p95Ms} ms.`,
);
const dir = new URL("../bench/", import.meta.url);
const file = new URL("results.json", dir);
mkdirSync(dir, { recursive: true });
const previous = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
writeFileSync(file, `${JSON.stringify({ ...previous, verdictLatency }, null, 2)}\n`);
