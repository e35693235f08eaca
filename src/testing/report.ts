// The plain-text reports of a test run: totals, JUnit XML and GitHub annotations. The coloured line
// per step is the terminal's, in src/ui/test-report.ts.
import { terminalSafe } from "../docker/terminal-safe.js";
import type { StepOutcome } from "./lesson-test.js";

export function totalsLine(outcomes: readonly StepOutcome[]): string {
  const passed = outcomes.filter((o) => o.ok).length;
  return `${passed} passed, ${outcomes.length - passed} failed\n`;
}

/** How the challenges' attempts fared: correct ones (solutions and alternatives) must pass, wrong ones be refused. */
export interface ChallengeCounts {
  readonly correctPassed: number;
  readonly correctFailed: number;
  readonly wrongRefused: number;
  /** Accepted by the checks, or refused without the difference named. */
  readonly wrongNotRefused: number;
}

export function challengeCounts(outcomes: readonly StepOutcome[]): ChallengeCounts {
  const correct = outcomes.filter((o) => o.attempt !== undefined && o.attempt.kind !== "wrong");
  const wrong = outcomes.filter((o) => o.attempt?.kind === "wrong");
  const ok = (list: readonly StepOutcome[]) => list.filter((o) => o.ok).length;
  return {
    correctPassed: ok(correct),
    correctFailed: correct.length - ok(correct),
    wrongRefused: ok(wrong),
    wrongNotRefused: wrong.length - ok(wrong),
  };
}

/** `challenge attempts: 8 correct passed, 10 wrong refused`, with what failed; nothing when no challenge ran. */
export function challengeLine(outcomes: readonly StepOutcome[]): string {
  const c = challengeCounts(outcomes);
  if (c.correctPassed + c.correctFailed + c.wrongRefused + c.wrongNotRefused === 0) return "";
  const failed = [
    ...(c.correctFailed > 0 ? [`${c.correctFailed} correct failed`] : []),
    ...(c.wrongNotRefused > 0 ? [`${c.wrongNotRefused} wrong not refused`] : []),
  ];
  return `challenge attempts: ${c.correctPassed} correct passed, ${c.wrongRefused} wrong refused${failed.length > 0 ? `; ${failed.join(", ")}` : ""}\n`;
}

/** ` › wrong attempt 2`: what tells an attempt's outcome from its step's. */
export const attemptLabel = (outcome: StepOutcome): string => (outcome.attempt?.label ? ` › ${outcome.attempt.label}` : "");

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c] ?? c);

/** JUnit XML as GitHub, GitLab and Jenkins read it: a testsuite per lesson run, a testcase per step and per challenge attempt. */
export function junitXml(runs: readonly { readonly outcomes: readonly StepOutcome[] }[], timestamp: Date): string {
  const suites = runs.map((run, index) => {
    const first = run.outcomes[0];
    const name = first ? `lesson ${first.lesson.number} ${first.lesson.slug}` : `run ${index + 1}`;
    const failures = run.outcomes.filter((o) => !o.ok).length;
    const time = run.outcomes.reduce((sum, o) => sum + o.ms, 0) / 1000;
    const cases = run.outcomes.map((o) => {
      const attributes = `name="${escapeXml(`${o.id}${attemptLabel(o)}: ${o.title}`)}" classname="${escapeXml(`${o.lesson.number}-${o.lesson.slug}`)}" time="${(o.ms / 1000).toFixed(3)}"`;
      if (o.ok) return `    <testcase ${attributes}/>`;
      const message = escapeXml(`[${o.phase}] ${o.message ?? "failed"}`);
      const body = escapeXml([o.expected && `expected: ${o.expected}`, o.actual && `actual: ${o.actual}`].filter(Boolean).join("\n"));
      return `    <testcase ${attributes}>\n      <failure message="${message}" type="${o.phase}">${body}</failure>\n    </testcase>`;
    });
    return [
      `  <testsuite name="${escapeXml(name)}" tests="${run.outcomes.length}" failures="${failures}" errors="0" skipped="0" time="${time.toFixed(3)}" timestamp="${timestamp.toISOString().slice(0, 19)}" id="${index}">`,
      ...cases,
      "  </testsuite>",
    ].join("\n");
  });
  const tests = runs.reduce((sum, r) => sum + r.outcomes.length, 0);
  const failures = runs.reduce((sum, r) => sum + r.outcomes.filter((o) => !o.ok).length, 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="docker-tutor test" tests="${tests}" failures="${failures}">\n${suites.join("\n")}\n</testsuites>\n`;
}

/** `::error file=…,line=…::…` lines GitHub Actions turns into annotations on the lesson file. */
export function githubAnnotation(outcome: StepOutcome, lines: ReadonlyMap<string, number>, cwd: string): string {
  const file = outcome.lesson.file.startsWith(`${cwd}/`) ? outcome.lesson.file.slice(cwd.length + 1) : outcome.lesson.file;
  const line = lines.get(outcome.id) ?? 1;
  const text = [
    `${outcome.id}${attemptLabel(outcome)} (${outcome.phase}): ${outcome.message ?? "failed"}`,
    outcome.expected && `expected: ${outcome.expected}`,
    outcome.actual && `actual: ${outcome.actual}`,
  ]
    .filter(Boolean)
    .join("\n");
  return `::error file=${file},line=${line},title=${encodeProperty(`lesson ${outcome.lesson.number} › ${outcome.id}`)}::${encodeData(text)}\n`;
}

/** A workflow command's message: one line, as GitHub escapes it (%, CR, LF), and terminal-safe, for it is printed too. */
const encodeData = (text: string) => terminalSafe(text).replace(/%/g, "%25").replace(/\n/g, "%0A");

const encodeProperty = (text: string) => text.replace(/%/g, "%25").replace(/,/g, "%2C").replace(/:/g, "%3A");
