// Lesson 1's solutions through the interpreter against the same commands run by a shell script
// with the docker CLI, on the same daemon, interleaved. Run by `npm run bench` (with tsx).
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { Writable } from "node:stream";
import { connectToDocker } from "../src/docker/connect.js";
import { realHostWorld } from "../src/docker/host-world.js";
import { loadCatalog } from "../src/lessons/catalog.js";

const RUNS = Number(process.env.BENCH_SOLVE_RUNS ?? 3);
const shellName = `dtt-bench-shell-${process.pid}`;
const entry = loadCatalog([], { shell: shellName }).find((e) => e.lesson.number === 1);
if (!entry) throw new Error("lesson 1 is missing");
const actions = entry.lesson.steps.flatMap((s) => s.solution).filter((a): a is { run: string; stdin?: string } => "run" in a);
const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;
const script = actions.map((a) => (a.stdin ? `printf %s ${quote(a.stdin)} | ${a.run}` : a.run)).join(" >/dev/null\n") + " >/dev/null\n";

const { client } = await connectToDocker({}, realHostWorld());
const devNull = () => new Writable({ write: (_c, _e, done) => done() });
const before = new Set((await client.listContainers({ all: true })).map((c) => c.id));
const cleanUp = async () => {
  for (const c of await client.listContainers({ all: true })) if (!before.has(c.id)) await client.removeContainer(c.id);
};

async function viaInterpreter(): Promise<void> {
  for (const a of actions) {
    const code = await client.runCommand(a.run, { stdout: devNull(), stderr: devNull(), stdin: a.stdin, cwd: process.cwd(), env: process.env });
    if (code !== 0) throw new Error(`${a.run} exited ${code} through the interpreter`);
  }
}
const viaCli = () => execFileSync("bash", ["-e", "-c", script], { stdio: "ignore" });

const time = async (work: () => unknown) => {
  const start = performance.now();
  await work();
  return performance.now() - start;
};
const samples = { interpreter: [] as number[], cli: [] as number[] };
try {
  for (let i = 0; i < RUNS; i++) {
    samples.cli.push(await time(viaCli));
    await cleanUp();
    samples.interpreter.push(await time(viaInterpreter));
    await cleanUp();
  }
} finally {
  await cleanUp();
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const result = { runs: RUNS, commands: actions.length, interpreterMs: Math.round(median(samples.interpreter)), cliScriptMs: Math.round(median(samples.cli)) };
const ratio = +(result.interpreterMs / result.cliScriptMs).toFixed(2);
console.log(`lesson 1 solutions (${result.commands} commands), median of ${RUNS} interleaved runs: interpreter ${result.interpreterMs} ms, docker CLI script ${result.cliScriptMs} ms → ${ratio}× (target ≤ 1.0×)`);
const file = new URL("../bench/results.json", import.meta.url);
const previous = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
writeFileSync(file, `${JSON.stringify({ ...previous, lesson1Solutions: { ...result, ratio } }, null, 2)}\n`);
