/**
 * Property tests of the lesson loader (`parseLesson`) on mutated copies of the real lessons and on random
 * YAML: it never throws or hangs, and a file it rejects always gets at least one problem an author can
 * act on (file, line ≥ 1, col ≥ 1, what, fix). Fixed seeds keep CI reproducible.
 *
 * The fuzzing found three inputs that crashed the loader, now refused with a problem: an alias to no
 * anchor (`title: *Note`), an alias bomb, and a self-referencing alias (`steps: &s [*s]`). They are
 * kept below as cases of their own.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { formatProblem } from "../../../src/lessons/lesson-problems.js";
import { type LessonFiles, type ParsedLesson, parseLesson } from "../../../src/lessons/load.js";

const SEED = 20_260_101;
const LESSONS_DIR = fileURLToPath(new URL("../../../lessons/", import.meta.url));
/**
 * A hang guard, not a benchmark: a lesson parses in about 10 ms, the slowest seen (a GC pause) took
 * 80 ms on a quiet machine and 1044 ms with CI's streams and a manual test run beside it (load ~20
 * on 2 cores); a runaway pattern would take far longer than this.
 */
const SLOW_MS = 10_000;
let slowest = 0;

afterAll(() => {
  if (process.env.FUZZ_TIMINGS) console.info(`slowest parseLesson (ms): ${slowest.toFixed(1)}`);
});

/** Every file and folder under the lesson folder, so that `realPath` needs no file system while the test runs. */
function walk(dir: string, found: Set<string>): Set<string> {
  found.add(normalize(dir));
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, found);
    else found.add(normalize(path));
  }
  return found;
}
const EXISTING = walk(LESSONS_DIR, new Set());
const files: LessonFiles = { realPath: (path) => (EXISTING.has(normalize(path)) ? normalize(path) : undefined) };

interface Source {
  readonly file: string;
  readonly assetDir: string;
  readonly text: string;
}
const SOURCES: Source[] = readdirSync(LESSONS_DIR)
  .filter((name) => /^\d+-.*\.yaml$/.test(name))
  .map((name) => {
    const file = join(LESSONS_DIR, name);
    return { file, assetDir: file.replace(/\.yaml$/, ""), text: readFileSync(file, "utf8") };
  });

/** Words that only a bug would put in a problem, unless the file itself says them. */
const LEAKS = ["undefined", "[object Object]", "NaN"];

function expectActionable(parsed: ParsedLesson, text: string, file: string): void {
  expect(parsed.lesson === undefined, "a lesson came back with problems, or none came back without").toBe(parsed.problems.length > 0);
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const problem of parsed.problems) {
    expect(problem.file).toBe(file);
    expect(Number.isInteger(problem.line) && Number.isInteger(problem.col), formatProblem(problem)).toBe(true);
    expect(problem.line, formatProblem(problem)).toBeGreaterThanOrEqual(1);
    expect(problem.line, formatProblem(problem)).toBeLessThanOrEqual(lines + 1);
    expect(problem.col, formatProblem(problem)).toBeGreaterThanOrEqual(1);
    for (const part of [problem.what, problem.fix]) {
      expect(typeof part).toBe("string");
      expect(part.trim(), formatProblem(problem)).not.toBe("");
      expect(part, "a stack trace").not.toMatch(/\n\s+at /);
      for (const leak of LEAKS) if (!text.includes(leak)) expect(part, formatProblem(problem)).not.toContain(leak);
    }
    // `file:line:col: what — fix` is one line, unless it quotes a key or value that itself spans lines.
    expect(formatProblem(problem)).not.toMatch(/[\r\n]/);
  }
}

function check(text: string, source: Pick<Source, "file" | "assetDir">, overrides: Record<string, string> = {}): ParsedLesson {
  const start = performance.now();
  const parsed = parseLesson(text, source.file, source.assetDir, overrides, files);
  const took = performance.now() - start;
  slowest = Math.max(slowest, took);
  expect(took, `parseLesson took ${took.toFixed(1)} ms`).toBeLessThan(SLOW_MS);
  expectActionable(parsed, text, source.file);
  return parsed;
}

// ---------------------------------------------------------------------------------------------
// Mutations of a real lesson, by line: what an author's slip or a bad merge does to a file.

/** Scalars of other types and broken ones, to put where a lesson has a value. */
const VALUES = [
  ...["", "~", "null", "[]", "{}", "0", "-1", "65536", "1.5", "1e400", ".nan", "true", "yes", "[a, [b]]", "{a: 1}", "{kind: nope}"],
  ...["'unterminated", '"unterminated', "|", ">-", "${{ nope }}", "${{ port }}", "${{", "!!binary aGk=", "!!int x", "!custom x"],
  ...["*nowhere", "- a", "a: b: c", "\t", "@", "`", "%", "0x10", "2001-12-14", "'it''s'", '"\\u00e9\\n"', "é🐳", "\u0000"],
];
const BYTES = fc.oneof(
  fc.constantFrom(
    ":",
    "-",
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "#",
    "'",
    '"',
    "[",
    "]",
    "{",
    "}",
    ",",
    "|",
    ">",
    "?",
    "!",
    "%",
    "\uFEFF",
    "\u0000",
  ),
  fc.string({ unit: "binary", maxLength: 4 }),
);

type LineMutation =
  | { kind: "delete" | "duplicate"; at: number }
  | { kind: "swap"; at: number; with: number }
  | { kind: "indent"; at: number; by: number }
  | { kind: "value"; at: number; value: string }
  | { kind: "insert"; at: number; text: string }
  | { kind: "truncate"; at: number };

const lineMutation: fc.Arbitrary<LineMutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom("delete" as const, "duplicate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("swap" as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant("indent" as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({
    kind: fc.constant("value" as const),
    at: fc.nat(),
    value: fc.oneof(fc.constantFrom(...VALUES), fc.string({ maxLength: 8 })),
  }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: BYTES }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
);

function mutate(text: string, m: LineMutation): string {
  const lines = text.split("\n");
  const i = m.at % lines.length;
  const line = lines[i] ?? "";
  switch (m.kind) {
    case "delete":
      return lines.filter((_, j) => j !== i).join("\n");
    case "duplicate":
      return [...lines.slice(0, i + 1), ...lines.slice(i)].join("\n");
    case "swap": {
      const j = m.with % lines.length;
      const swapped = [...lines];
      [swapped[i], swapped[j]] = [lines[j] ?? "", line];
      return swapped.join("\n");
    }
    case "indent":
      lines[i] = m.by >= 0 ? " ".repeat(m.by) + line : line.replace(new RegExp(`^ {0,${-m.by}}`), "");
      return lines.join("\n");
    case "value":
      // `key: value` or `- value`: the value becomes another type, or something broken.
      lines[i] = /^(\s*(?:- )?[\w-]+:\s)/.test(line) ? line.replace(/^(\s*(?:- )?[\w-]+:\s).*$/, `$1${m.value}`) : `${line} ${m.value}`;
      return lines.join("\n");
    case "insert": {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case "truncate":
      return text.slice(0, m.at % (text.length + 1));
  }
}

const mutatedLesson = fc.tuple(fc.constantFrom(...SOURCES), fc.array(lineMutation, { minLength: 1, maxLength: 5 }));

// ---------------------------------------------------------------------------------------------
// Mutations of a real lesson, by value: any field replaced by any JSON value, then written as YAML.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value in a parsed lesson, so that a mutation can pick one. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const children: [string | number, Json][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : value !== null && typeof value === "object"
      ? Object.entries(value)
      : [];
  return [prefix, ...children.flatMap(([key, child]) => paths(child, [...prefix, key]))];
}

function replaceAt(value: Json, path: readonly (string | number)[], replacement: Json | undefined): Json {
  const [key, ...rest] = path;
  if (key === undefined) return replacement ?? null;
  if (Array.isArray(value)) {
    const copy = [...value];
    if (rest.length === 0 && replacement === undefined) copy.splice(Number(key), 1);
    else copy[Number(key)] = replaceAt(copy[Number(key)] ?? null, rest, replacement);
    return copy;
  }
  if (value !== null && typeof value === "object") {
    const copy = { ...value };
    if (rest.length === 0 && replacement === undefined) delete copy[key];
    else copy[key] = replaceAt(copy[key] ?? null, rest, replacement);
    return copy;
  }
  return value;
}

const PARSED = SOURCES.map((source) => ({ source, value: parse(source.text) as Json, paths: paths(parse(source.text) as Json) }));

const oddValue: fc.Arbitrary<Json | undefined> = fc.oneof(
  fc.constant(undefined), // the field is removed
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  fc.constantFrom<Json>("", " ", "${{ nope }}", "../../etc/passwd", "/etc/passwd", -1, 0, 1e21, 3.5, true, [], {}, { kind: "x" }),
);

const fieldMutation = fc
  .constantFrom(...PARSED)
  .chain(({ source, value, paths: all }) =>
    fc
      .array(fc.tuple(fc.constantFrom(...all), oddValue), { minLength: 1, maxLength: 3 })
      .map((edits) => ({ source, text: stringify(edits.reduce((doc, [path, v]) => replaceAt(doc, path, v), value)) })),
  );

// ---------------------------------------------------------------------------------------------
// Random YAML: lesson-ish tokens in random order, and any value written as YAML.

const TOKENS = [
  ...["format: 1", "id: x", "number: 1", "slug: x", "title: T", "summary: S", "minutes: 5", "steps:", "- id: a", "title: A"],
  ...["text: t", "checks:", "- kind: image", "ref: alpine", "quiz:", "type: select", "answer: b", "choices: [a, b]", "assets:"],
  ...["variables:", "port:", "default: 8080", "${{ port }}", "hints: [h]", "solution:", "- run: docker ps", "requires:"],
  ...["\n", "\n", "\n  ", "\n    ", "\n- ", " ", ": ", "- ", "[", "]", "{", "}", ", ", "'", '"', "#", "|", ">", "? ", "!!str", "---"],
  ...["...", "%YAML 1.2", "\t", "\r\n", "é", "🐳", "\uFEFF"],
];
const randomYaml = fc.oneof(
  fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((tokens) => tokens.join("")),
  fc.string({ maxLength: 80 }),
  fc.string({ unit: "binary", maxLength: 80 }),
  (fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<Json>).map((value) => stringify(value)),
);

const overrides = fc.dictionary(
  fc.constantFrom("port", "name", "greeting", "nope", "__proto__", "constructor"),
  fc.string({ maxLength: 6 }),
  {
    maxKeys: 3,
  },
);

// ---------------------------------------------------------------------------------------------

describe("the lesson loader on mutated and random input", () => {
  it("loads every real lesson without a problem, so that each mutation starts from a valid file", () => {
    expect(SOURCES.length).toBeGreaterThan(0);
    for (const source of SOURCES) expect(check(source.text, source).problems).toEqual([]);
  });

  it("mutated lessons (lines deleted, duplicated, swapped, re-indented, retyped, truncated, bytes inserted) never crash", () => {
    let rejected = 0;
    fc.assert(
      fc.property(mutatedLesson, overrides, ([source, mutations], vars) => {
        const text = mutations.reduce(mutate, source.text);
        if (check(text, source, vars).lesson === undefined) rejected++;
      }),
      { seed: SEED, numRuns: 150 },
    );
    // Mutations that a lesson survives are fine (a comment line deleted), but most must be caught.
    expect(rejected).toBeGreaterThan(75);
  });

  it("lessons with fields replaced by other types or removed never crash, and get a problem when rejected", () => {
    fc.assert(
      fc.property(fieldMutation, overrides, ({ source, text }, vars) => {
        check(text, source, vars);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it.each([
    ["an alias to no anchor", "format: 1\ntitle: *Note\n"],
    ["an alias bomb", `a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [${Array(10).fill("*a").join(",")}]\nc: [${Array(11).fill("*b").join(",")}]\n`],
    ["a self-referencing alias", "format: 1\nsteps: &s [*s]\n"],
    ["a variable named like an Object method", "format: 1\ntitle: ${{ constructor }}\n"],
    ["a key that is a list", "format: 1\n? [a, b]\n: x\n"],
    ["a key that is a map", "format: 1\nsteps:\n  - ? {id: a}\n    : x\n"],
  ])("%s is refused with a problem, not a crash or a warning", async (_name, text) => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on("warning", onWarning);
    const parsed = check(text, { file: "98-alias.yaml", assetDir: "/nowhere/98-alias" });
    // Node emits warnings on a later tick.
    await new Promise((resolve) => setImmediate(resolve));
    process.off("warning", onWarning);
    expect(parsed.lesson).toBeUndefined();
    expect(parsed.problems.length).toBeGreaterThan(0);
    expect(warnings).toEqual([]);
  });

  it("random YAML and random text never crash, and are refused with a problem", () => {
    const source = { file: "99-random.yaml", assetDir: "/nowhere/99-random" };
    fc.assert(
      fc.property(randomYaml, overrides, (text, vars) => {
        expect(check(text, source, vars).lesson).toBeUndefined();
      }),
      { seed: SEED, numRuns: 800 },
    );
  });
});
