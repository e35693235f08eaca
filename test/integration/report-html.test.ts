import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { VERDICT_COLOURS } from "../../src/grading/report-html.js";
import { checkJson, type StepMark } from "../helpers/check-json.js";
import { decodePng, type Pixels, regionsOf } from "../helpers/png.js";
import { runCli } from "../helpers/run-cli.js";

/**
 * `report --html` as an instructor sees it: rendered by Debian's headless Chromium (.ci/run
 * installs it), the screenshot read back pixel by pixel. The screenshots stay in .ci-results/.
 */
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const RESULTS = join(ROOT, ".ci-results");
const work = mkdtempSync(join(tmpdir(), "dtt-report-"));
mkdirSync(RESULTS, { recursive: true });
afterAll(() => rmSync(work, { recursive: true, force: true }));

function screenshot(html: string, png: string, size: string): Pixels {
  // Chromium runs as root in CI (no sandbox there); its own profile folder, so runs never share one.
  execFileSync(
    "chromium",
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--hide-scrollbars",
      "--force-color-profile=srgb",
      `--user-data-dir=${join(work, "profile")}`,
      `--screenshot=${png}`,
      `--window-size=${size}`,
      pathToFileURL(html).href,
    ],
    { stdio: "pipe", timeout: 60_000 },
  );
  return decodePng(readFileSync(png));
}

type Verdict = keyof typeof VERDICT_COLOURS;

/** The grid's cells as the screenshot shows them: squares of a verdict's colour, row by row (the legend's swatches are smaller). */
function gridOf(image: Pixels): Verdict[][] {
  const cells = (Object.keys(VERDICT_COLOURS) as Verdict[]).flatMap((verdict) =>
    regionsOf(image, VERDICT_COLOURS[verdict])
      .filter((r) => r.x1 - r.x0 >= 18 && r.y1 - r.y0 >= 18)
      .map((r) => ({ verdict, x: r.x0, y: r.y0 })),
  );
  const rows = [...new Set(cells.map((c) => c.y))].sort((a, b) => a - b);
  return rows.map((y) =>
    cells
      .filter((c) => c.y === y)
      .sort((a, b) => a.x - b.x)
      .map((c) => c.verdict),
  );
}

async function report(files: Record<string, unknown>, html: string): Promise<void> {
  const paths = Object.entries(files).map(([name, json]) => {
    const path = join(work, `${name}.json`);
    writeFileSync(path, JSON.stringify(json));
    return path;
  });
  const result = await runCli(["report", ...paths, "--html", html]);
  expect(result.code, result.stderr).toBe(0);
}

describe("report --html in Chromium", () => {
  it("shows each cell in its verdict's colour where the roll puts it: pass, recorded, fail, not answered", async () => {
    const html = join(work, "small.html");
    await report(
      {
        ann: checkJson({ number: 1 }, { a: "pass", b: "recorded", c: "fail" }),
        bob: [checkJson({ number: 1 }, { a: "none", b: "pass", c: "fail" }), checkJson({ number: 2 }, { x: "recorded" })],
      },
      html,
    );
    const image = screenshot(html, join(RESULTS, "report-small.png"), "900,500");
    expect(gridOf(image)).toEqual([
      ["pass", "recorded", "fail", "none"],
      ["none", "pass", "fail", "recorded"],
    ]);
  });

  it("a class of 30 students by 30 steps: every cell on the page, in its colour", async () => {
    const files = classOfThirty();
    const html = join(work, "class.html");
    await report(files, html);
    const png = join(RESULTS, "report-class.png");
    const grid = gridOf(screenshot(html, png, "1280,1400"));
    expect(grid.map((row) => row.length)).toEqual(Array(30).fill(30));
    const expected = Object.keys(files)
      .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))
      .map((name) => (files[name] as { steps: { pass: boolean | null; evidence?: string }[] }[]).flatMap((l) => l.steps.map(verdictOf)));
    expect(grid).toEqual(expected);
    if (process.env.UPDATE_REPORT_EXAMPLE) copyFileSync(png, join(ROOT, "docs", "report-example.png"));
  });
});

const verdictOf = (step: { pass: boolean | null; evidence?: string }): Verdict =>
  step.pass === true ? (step.evidence === "recorded" ? "recorded" : "pass") : step.pass === false ? "fail" : "none";

/** 30 students, the first 10 steps of lessons 1 to 3 (their real ids and titles), verdicts as a class might have them. */
function classOfThirty(): Record<string, unknown[]> {
  const lessonsDir = join(ROOT, "lessons");
  const lessons = readdirSync(lessonsDir)
    .filter((f) => /^0[123]-.*\.yaml$/.test(f))
    .sort()
    .map(
      (f) =>
        parse(readFileSync(join(lessonsDir, f), "utf8")) as {
          number: number;
          id: string;
          title: string;
          steps: { id: string; kind?: string }[];
        },
    );
  const names = ["ada", "ben", "chloe", "dev", "emma", "farid", "grace", "hugo", "ines", "jonas", "kim", "leo", "maya", "nico", "olga"];
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  return Object.fromEntries(
    Array.from({ length: 30 }, (_, s) => {
      const name = `${names[s % names.length]}${s >= names.length ? "-2" : ""}`;
      const reached = 30 - Math.floor(random() * random() * 30);
      const grades = lessons.map((lesson, l) => {
        const marks = lesson.steps.slice(0, 10).map((step, k): [string, Parameters<typeof checkJson>[1][string]] => {
          const r = random();
          const done = l * 10 + k < reached;
          if (step.kind === "quiz") return [step.id, !done ? "quiz-none" : r < 0.2 ? "quiz-fail" : "quiz-pass"];
          const mark: StepMark = !done ? "none" : r < 0.12 ? "fail" : l === 2 && r > 0.8 ? "recorded" : "pass";
          return [step.id, mark];
        });
        return checkJson({ number: lesson.number, id: lesson.id, title: lesson.title }, Object.fromEntries(marks));
      });
      return [name, grades];
    }),
  );
}
