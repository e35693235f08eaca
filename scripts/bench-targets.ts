/**
 * The spec's performance targets (spec.md "Targets", issue 19) against bench/results.json, as pure
 * logic: which are met, the README's table, and the text `npm run bench -- --check` prints. Reading
 * and writing files is bench-report.ts's.
 */

/** What the bench parts write (each part its own key); every key may be missing. */
export interface BenchResults {
  readonly date?: string;
  readonly node?: string;
  readonly machine?: { readonly cores: number; readonly loadAtStart: readonly number[] };
  readonly coldStart?: readonly { readonly name: string; readonly medianMs: number; readonly ratio: number; readonly peakRssMb?: number }[];
  readonly verdictLatency?: { readonly steps: number; readonly medianMs: number; readonly p95Ms: number };
  readonly testVsCliScript?: { readonly tutorMs: number; readonly scriptMs: number; readonly ratio: number; readonly runs: number };
  readonly checkAll?: { readonly runs: number; readonly medianMs: number };
}

/** A target the file has no figure for counts as missed by --check: a part did not run or failed. */
export type TargetStatus = "met" | "missed" | "not measured" | "not benched";

export interface TargetRow {
  readonly measure: string;
  readonly value: string;
  readonly target: string;
  readonly status: TargetStatus;
}

/** Milliseconds as people read them: `124 ms`, `83.1 s`. */
export const duration = (ms: number): string => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

const row = (measure: string, target: string, figure: { value: string; ok: boolean } | undefined): TargetRow =>
  figure
    ? { measure, value: figure.value, target, status: figure.ok ? "met" : "missed" }
    : { measure, value: "–", target, status: "not measured" };

/** Every target of the spec, in its order, with the measured value and whether it is met. */
export function targetRows(results: BenchResults): TargetRow[] {
  const cold = (name: string) => results.coldStart?.find((r) => r.name === name);
  const base = cold("node -e 0");
  const coldRow = (command: string) => {
    const c = cold(`docker-tutor ${command}`);
    return row(
      `cold start \`docker-tutor ${command}\` vs \`node -e 0\``,
      "≤ 1.5×",
      c && base ? { value: `${c.medianMs} ms vs ${base.medianMs} ms = ${c.ratio.toFixed(2)}×`, ok: c.ratio <= 1.5 } : undefined,
    );
  };
  const rss = ["docker-tutor list", "docker-tutor --help"].map((n) => cold(n)?.peakRssMb).filter((mb) => mb !== undefined);
  const peak = rss.length > 0 ? Math.max(...rss) : undefined;
  const verdict = results.verdictLatency;
  const lessons = results.testVsCliScript;
  const check = results.checkAll;
  return [
    coldRow("list"),
    coldRow("--help"),
    row("peak RSS of `list` and `--help`", "≤ 60 MB", peak === undefined ? undefined : { value: `${peak} MB`, ok: peak <= 60 }),
    row(
      "daemon event → verdict, every task step of every lesson: median",
      "≤ 25 ms",
      verdict ? { value: `${verdict.medianMs} ms over ${verdict.steps} steps`, ok: verdict.medianMs <= 25 } : undefined,
    ),
    row(
      "daemon event → verdict, every task step of every lesson: p95",
      "≤ 100 ms",
      verdict ? { value: `${verdict.p95Ms} ms`, ok: verdict.p95Ms <= 100 } : undefined,
    ),
    row(
      "`docker-tutor test` of every lesson vs their commands in a docker CLI script",
      "≤ 1.0×",
      lessons
        ? {
            value: `${duration(lessons.tutorMs)} vs ${duration(lessons.scriptMs)} = ${lessons.ratio.toFixed(2)}× (median of ${lessons.runs}, interleaved)`,
            ok: lessons.ratio <= 1.0,
          }
        : undefined,
    ),
    row(
      "`docker-tutor check` of every lesson",
      "≤ 300 ms",
      check ? { value: `${duration(check.medianMs)} (median of ${check.runs})`, ok: check.medianMs <= 300 } : undefined,
    ),
    { measure: "CI in a fresh clone, every engine leg", value: "see CI", target: "≤ 30 min", status: "not benched" },
  ];
}

/** The rows `--check` fails on. */
export const failing = (rows: readonly TargetRow[]): TargetRow[] => rows.filter((r) => r.status === "missed" || r.status === "not measured");

/** `--check`'s report: one line per target, then the verdict. */
export function checkReport(rows: readonly TargetRow[]): string {
  const mark = { met: "ok  ", missed: "MISS", "not measured": "MISS", "not benched": "--  " } as const;
  const lines = rows.map((r) => `${mark[r.status]} ${r.measure}: ${r.value} (target ${r.target}${r.status === "not measured" ? ", not measured" : ""})`);
  const misses = failing(rows).length;
  lines.push(misses === 0 ? "Every benched target is met." : `${misses} target${misses === 1 ? "" : "s"} missed.`);
  return `${lines.join("\n")}\n`;
}

const cell = (text: string) => text.replaceAll("|", "\\|");

/** The README's performance section: where and when it was measured, then one row per target. */
export function renderTable(results: BenchResults, rows: readonly TargetRow[]): string {
  const load = results.machine?.loadAtStart;
  const where = [
    results.date ? `measured ${results.date.slice(0, 10)}` : undefined,
    results.node ? `Node ${results.node.replace(/^v/, "")}` : undefined,
    results.machine ? `${results.machine.cores} cores` : undefined,
    load ? `load average ${load.join(", ")} at the start` : undefined,
  ].filter((part) => part !== undefined);
  return [
    `Written by \`npm run bench\` from \`bench/results.json\`${where.length > 0 ? ` (${where.join("; ")})` : ""}; ratios are within one run.`,
    "",
    "| target | measured | target (spec) | |",
    "|---|---|---|---|",
    ...rows.map((r) => `| ${cell(r.measure)} | ${cell(r.value)} | ${cell(r.target)} | ${r.status} |`),
    "",
  ].join("\n");
}

export const TABLE_START = "<!-- bench:start (written by npm run bench from bench/results.json; edits here are lost) -->";
export const TABLE_END = "<!-- bench:end -->";

/** The README with the text between the markers replaced; undefined when the markers are not there in order. */
export function withTable(readme: string, table: string): string | undefined {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) return undefined;
  return `${readme.slice(0, start + TABLE_START.length)}\n${table}${readme.slice(end)}`;
}
