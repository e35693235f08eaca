import { isAbsolute, join, normalize, relative, sep } from "node:path";
import { type Document, isMap, isPair, isScalar, LineCounter, parseDocument, visit } from "yaml";
import { explainIssue, type LessonProblem, type Path } from "./lesson-problems.js";
import { policyBreaches } from "./policy-problems.js";
import { type Lesson, lessonSchema, type Step } from "./schema.js";
import { collectFieldNames } from "./schema-fields.js";
import { actionLists } from "./step-actions.js";
import { resolveVariableValues, substituteVariables, type VariableKind, variableKind, variableValueProblem } from "./variables.js";

/** What loading needs from the file system, passed in so that a unit test is one literal. */
export interface LessonFiles {
  /** The real path of a file or folder inside the asset folder, or undefined when it is missing. */
  realPath(path: string): string | undefined;
}

export interface ParsedLesson {
  readonly lesson: Lesson | undefined;
  readonly variables: Readonly<Record<string, string>>;
  readonly problems: readonly LessonProblem[];
}

const knownFields = collectFieldNames(lessonSchema);
/** C0 and C1 controls but tab, line feed and carriage return. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * Parses one lesson file's text: YAML with positions, variables substituted, the schema, then
 * what the schema cannot see (duplicate ids, answers not among choices, assets). Pure but for `files`.
 */
export function parseLesson(
  text: string,
  file: string,
  assetDir: string,
  overrides: Readonly<Record<string, string>>,
  files: LessonFiles,
  /** The learner trusts this pack with host shell commands (--trust-pack, or --allow-shell). */
  allowShell = false,
  /** Held to the pack policy (pack-policy.ts): a pack the learner has not trusted. */
  policed = !allowShell,
): ParsedLesson {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => lineCounter.linePos(offset);
  const problem = (offset: number, what: string, fix: string): LessonProblem => ({ file, ...at(offset), what, fix });

  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => problem(e.pos[0], `not valid YAML: ${e.message.split("\n")[0]}`, yamlFix(e.code)));
    return { lesson: undefined, variables: {}, problems };
  }
  // Aliases (`*name`) can point nowhere, at themselves, or multiply a document a billion-fold;
  // lessons do not need them, so they are refused before the document is turned into values.
  const aliases: number[] = [];
  const complexKeys: number[] = [];
  const controls: number[] = [];
  visit(doc, {
    Alias: (_key, node) => void aliases.push(node.range?.[0] ?? 0),
    // An escape sequence in a text would drive the learner's terminal (clear it, retitle it, write its clipboard).
    Scalar: (_key, node) => {
      if (typeof node.value === "string" && CONTROL_CHARACTER.test(node.value)) controls.push(node.range?.[0] ?? 0);
    },
    // `? [a, b]: x`: a key that is a list or a map; JavaScript objects cannot hold it.
    Pair: (_key, pair) => {
      if (pair.key !== null && typeof pair.key === "object" && !isScalar(pair.key)) {
        complexKeys.push((pair.key as { range?: [number, number, number] }).range?.[0] ?? 0);
      }
    },
  });
  if (complexKeys.length > 0) {
    const problems = complexKeys.map((offset) =>
      problem(offset, "a key that is a list or a map: lesson files use plain words as keys", "write the key as a plain word, like `id:`"),
    );
    return { lesson: undefined, variables: {}, problems };
  }
  if (controls.length > 0) {
    const problems = controls.map((offset) =>
      problem(
        offset,
        "a control character (such as ESC) in a text: the tutor would send it to the learner's terminal",
        "remove it; lesson texts are plain Markdown",
      ),
    );
    return { lesson: undefined, variables: {}, problems };
  }
  if (aliases.length > 0) {
    const problems = aliases.map((offset) =>
      problem(
        offset,
        "a YAML alias (`*name`): lesson files do not use anchors and aliases",
        "write the value out in full where it is used",
      ),
    );
    return { lesson: undefined, variables: {}, problems };
  }
  let raw: unknown;
  try {
    raw = doc.toJS() as unknown;
  } catch (error) {
    const what = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return {
      lesson: undefined,
      variables: {},
      problems: [problem(0, `not valid YAML: ${what}`, "check the YAML syntax at the top of the file")],
    };
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return {
      lesson: undefined,
      variables: {},
      problems: [problem(0, "the file is not a lesson", "start with `format: 1`, `id:` and the other lesson fields")],
    };
  }
  const declared = (raw as { variables?: unknown }).variables;
  const variables = resolveVariableValues(isRecord(declared) ? (declared as Record<string, { default?: unknown }>) : {}, overrides);
  const substituted = substituteVariables(raw, variables);
  const problems: LessonProblem[] = givenValueProblems(declared, overrides).map(({ name, what, fix }) =>
    problem(offsetOf(doc, ["variables", name], true), what, fix),
  );
  problems.push(
    ...substituted.unknown.map((u) =>
      problem(
        offsetOf(doc, u.path),
        `unknown variable \${{ ${u.name} }}`,
        `declare it under variables:, or use one of: ${Object.keys(variables).join(", ") || "(none declared)"}`,
      ),
    ),
  );

  const result = lessonSchema.safeParse(substituted.value);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const { what, fix, path } = explainIssue(issue, knownFields);
      problems.push(problem(offsetOf(doc, path, issue.code === "unrecognized_keys"), what, fix));
    }
    return { lesson: undefined, variables, problems };
  }
  const lesson = result.data;
  problems.push(...semanticProblems(lesson, (path) => offsetOf(doc, path), problem, assetDir, files));
  if (!allowShell) problems.push(...shellProblems(lesson, (path) => offsetOf(doc, path), problem));
  if (policed) {
    for (const { path, stepId, breach } of policyBreaches(lesson)) {
      problems.push(
        problem(
          offsetWithin(doc, text, path, breach.offending),
          `step "${stepId}" runs a command an untrusted lesson pack may not: it would ${breach.rule} (\`${breach.offending}\`)`,
          "change the command; if you trust the pack, run docker-tutor with --trust-pack",
        ),
      );
    }
  }
  return { lesson: problems.length === 0 ? lesson : undefined, variables, problems };
}

function semanticProblems(
  lesson: Lesson,
  offset: (path: Path) => number,
  problem: (offset: number, what: string, fix: string) => LessonProblem,
  assetDir: string,
  files: LessonFiles,
): LessonProblem[] {
  const problems: LessonProblem[] = [];
  const seen = new Map<string, number>();
  lesson.steps.forEach((step, i) => {
    const first = seen.get(step.id);
    if (first !== undefined) {
      problems.push(
        problem(offset(["steps", i, "id"]), `duplicate step id "${step.id}" (step ${first + 1} has it too)`, "give every step its own id"),
      );
    } else seen.set(step.id, i);
    const quiz = step.quiz;
    if (quiz?.type === "select" && quiz.answer !== undefined) {
      const answers = Array.isArray(quiz.answer) ? quiz.answer : [quiz.answer];
      for (const answer of answers.filter((a) => !quiz.choices?.includes(a))) {
        problems.push(
          problem(
            offset(["steps", i, "quiz", "answer"]),
            `the answer "${answer}" is not one of the choices`,
            "copy the right choice's text exactly",
          ),
        );
      }
    }
  });
  lesson.steps.forEach((step, i) => {
    problems.push(...attemptProblems(step, i, offset, problem));
    for (const list of actionLists(step, i))
      list.actions.forEach((action, j) => {
        const paths: [string, string][] =
          "write" in action
            ? [["path", action.write.path]]
            : "copy" in action
              ? [
                  ["from", action.copy.from],
                  ["to", action.copy.to],
                ]
              : [];
        for (const [field, path] of paths.filter(([, p]) => escapes(p))) {
          problems.push(
            problem(
              offset([...list.path, j, "write" in action ? "write" : "copy", field]),
              `step "${step.id}" (its ${list.label}) names a file outside the learner's workspace ("${path}")`,
              "use a path inside the workspace, without .. or a leading /",
            ),
          );
        }
      });
  });
  const assetRoot = files.realPath(assetDir);
  lesson.assets.forEach((asset, i) => {
    const where = offset(["assets", i]);
    const inside = normalize(asset);
    if (escapes(asset)) {
      problems.push(
        problem(
          where,
          `the asset "${asset}" points outside the lesson's asset folder`,
          "name a path inside the asset folder, without .. or a leading /",
        ),
      );
      return;
    }
    const real = files.realPath(join(assetDir, inside));
    if (real === undefined || assetRoot === undefined) {
      problems.push(problem(where, `the asset "${asset}" is missing from ${assetDir}`, "add the file there, or fix its name"));
    } else if (relative(assetRoot, real).startsWith("..")) {
      problems.push(
        problem(
          where,
          `the asset "${asset}" is a link that leads outside the asset folder`,
          "copy the file into the asset folder instead of linking it",
        ),
      );
    }
  });
  return problems;
}

/** Host shell commands, each refused where it is written: a pack runs none unless the learner allows it. */
function shellProblems(
  lesson: Lesson,
  offset: (path: Path) => number,
  problem: (offset: number, what: string, fix: string) => LessonProblem,
): LessonProblem[] {
  return lesson.steps.flatMap((step, i) =>
    actionLists(step, i).flatMap(({ path, actions }) =>
      actions.flatMap((action, j) =>
        "shell" in action
          ? [
              problem(
                offset([...path, j, "shell"]),
                `step "${step.id}" runs a host shell command (\`${action.shell}\`), which a lesson pack may do only when you allow it`,
                "read the pack's shell: actions; if you trust the pack, run docker-tutor with --trust-pack",
              ),
            ]
          : [],
      ),
    ),
  );
}

/** What the schema cannot see in a challenge's attempts: an alternative that is the solution again teaches the checks nothing. */
function attemptProblems(
  step: Step,
  i: number,
  offset: (path: Path) => number,
  problem: (offset: number, what: string, fix: string) => LessonProblem,
): LessonProblem[] {
  const solution = JSON.stringify(step.solution);
  const seen = new Set([solution]);
  return step.alternatives.flatMap((actions, k) => {
    const written = JSON.stringify(actions);
    const repeated = seen.has(written);
    seen.add(written);
    if (!repeated) return [];
    return [
      problem(
        offset(["steps", i, "alternatives", k]),
        `alternative ${k + 1} of step "${step.id}" repeats ${written === solution ? "its solution" : "an earlier alternative"}`,
        "make it a different way to reach the goal (other commands or options), or remove it",
      ),
    ];
  });
}

/**
 * Where to point for `path`: the value when it exists (a bad value), the key for an unknown
 * field (`atKey`), and for a missing field the nearest ancestor that exists.
 */
function offsetOf(doc: Document, path: Path, atKey = false): number {
  for (let length = path.length; length >= 0; length--) {
    const prefix = path.slice(0, length);
    const node = doc.getIn(prefix, true) as { range?: [number, number, number] } | undefined;
    if (node?.range && !(atKey && length === path.length)) return node.range[0];
    const parent = doc.getIn(prefix.slice(0, -1), true);
    if (length > 0 && isMap(parent)) {
      const last = prefix[prefix.length - 1];
      const pair = parent.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === last);
      const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
      if (range) return range[0];
    }
  }
  return 0;
}

/** Where `needle` is written inside the value at `path` (its start when it is not there as written). */
function offsetWithin(doc: Document, text: string, path: Path, needle: string): number {
  const start = offsetOf(doc, path);
  const range = (doc.getIn(path, true) as { range?: [number, number, number] } | undefined)?.range;
  const at = range ? text.slice(range[0], range[1]).indexOf(needle) : -1;
  return at < 0 ? start : start + at;
}

/** An absolute path, or one that climbs out with `..`. */
function escapes(path: string): boolean {
  const inside = normalize(path);
  return isAbsolute(path) || inside === ".." || inside.startsWith(`..${sep}`);
}

/** `--var` values (and values chosen earlier) that do not fit their variable's kind. */
function givenValueProblems(declared: unknown, overrides: Readonly<Record<string, string>>): { name: string; what: string; fix: string }[] {
  if (!isRecord(declared)) return [];
  return Object.entries(declared as Record<string, { default?: unknown; kind?: unknown }>).flatMap(([name, spec]) => {
    const value = Object.hasOwn(overrides, name) ? overrides[name] : undefined;
    if (value === undefined) return [];
    const declaredKind = ["name", "port", "text"].includes(String(spec?.kind)) ? (spec?.kind as VariableKind) : undefined;
    const kind = variableKind({ default: String(spec?.default ?? ""), kind: declaredKind });
    const why = variableValueProblem(kind, value);
    return why === undefined
      ? []
      : [
          {
            name,
            what: `--var ${name}=${JSON.stringify(value)} does not fit the ${kind} it sets: ${why}`,
            fix: `give ${name} a value that fits`,
          },
        ];
  });
}

function isRecord(value: unknown): boolean {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function yamlFix(code: string): string {
  if (code === "DUPLICATE_KEY") return "remove one of the two";
  if (code === "BAD_INDENT" || code === "MISSING_CHAR") return "check the indentation: nested fields use two more spaces than their parent";
  return "check the YAML syntax at that spot (quotes, colons, indentation)";
}
