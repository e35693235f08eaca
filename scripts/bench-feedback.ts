// Live feedback: the time from a daemon event to the verdict, over many events, through the real
// engine and the real daemon. Run by `npm run bench` (with tsx, since it drives src/ directly).
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectToDocker } from "../src/docker/connect.js";
import { realHostWorld } from "../src/docker/host-world.js";
import type { LessonOutput } from "../src/engine/events.js";
import { LessonRecord } from "../src/engine/lesson-record.js";
import { LessonRun } from "../src/engine/lesson-run.js";
import { lessonSchema } from "../src/lessons/schema.js";
import { ProgressStore } from "../src/progress/store.js";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 24);
const run = `dtt-bench-${process.pid}`;
const names = Array.from({ length: EVENTS }, (_, i) => `${run}-${i}`);
const lesson = lessonSchema.parse({
  format: 1,
  id: "bench",
  number: 999,
  slug: "bench",
  title: "bench",
  summary: "bench",
  minutes: 1,
  steps: names.map((name, i) => ({ id: `s${i}`, title: name, text: "t", checks: [{ kind: "container", name, state: "created" }] })),
});

const { client } = await connectToDocker({}, realHostWorld());
const progress = new ProgressStore(join(mkdtempSync(join(tmpdir(), "dtt-bench-")), "progress.json"), () => undefined);
const passed: { index: number; latencyMs: number }[] = [];
let onStep: (index: number) => void = () => undefined;
const benchRun = await LessonRun.open({
  client,
  entry: { lesson, file: "bench", assetDir: "bench", source: "bench", variables: {}, shellAllowed: false },
  record: new LessonRecord(progress, lesson.id, () => new Date()),
  snapshot: "record",
});
const session = benchRun.watch({
  tickMs: 3_600_000,
  emit: (output: LessonOutput) => {
    if (process.env.BENCH_DEBUG && output.type === "passed") console.log(output.trigger);
    if (output.type === "passed" && output.trigger.kind === "daemon-event") {
      passed.push({ index: passed.length, latencyMs: Date.now() - output.trigger.eventTimeMs });
    }
    if (output.type === "step") onStep(output.index);
    if (output.type === "lesson-done") onStep(EVENTS);
  },
});
const stepShown = (index: number) => new Promise<void>((resolve) => (onStep = (i) => i === index && resolve()));
try {
  const first = stepShown(0);
  session.start();
  await first;
  for (const [i, name] of names.entries()) {
    const next = stepShown(i + 1);
    // Let the step's own arrival check finish first, so the verdict can only come from the event.
    await new Promise((resolve) => setTimeout(resolve, 150));
    await promisify(execFile)("docker", ["container", "create", "--name", name, "busybox", "true"]);
    await Promise.race([next, new Promise((_, reject) => setTimeout(() => reject(new Error(`step ${i} never passed`)), 10_000))]);
  }
} finally {
  await session.close();
  execFileSync("docker", ["container", "rm", "-f", ...names], { stdio: "ignore" });
}

const sorted = passed.map((p) => p.latencyMs).sort((a, b) => a - b);
const pick = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
const result = { events: sorted.length, medianMs: pick(0.5), p95Ms: pick(0.95), maxMs: sorted.at(-1) };
console.log(`live feedback, daemon event → verdict over ${result.events} events: median ${result.medianMs} ms, p95 ${result.p95Ms} ms (target: median ≤ 100 ms)`);
const file = new URL("../bench/results.json", import.meta.url);
const previous = JSON.parse(readFileSync(file, "utf8"));
writeFileSync(file, `${JSON.stringify({ ...previous, liveFeedback: result }, null, 2)}\n`);
