import type { z } from "zod";
import { terminalSafe } from "../docker/terminal-safe.js";
import { ExitCode, TutorError } from "../errors.js";
import { nearestName } from "../text/nearest-name.js";
import { CHECK_KINDS } from "./schema.js";

/** One mistake in a lesson file, placed where an editor can jump to it. */
export interface LessonProblem {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly what: string;
  readonly fix: string;
}

export type Path = readonly PropertyKey[];

/** Terminal-safe: a file name in a pack may hold an escape sequence. */
export function formatProblem(p: LessonProblem): string {
  return terminalSafe(`${p.file}:${p.line}:${p.col}: ${p.what} — ${p.fix}`);
}

/** Something that does not stop the lesson but some learners will trip on: `file:line:col: warning: …`. */
export function formatWarning(p: LessonProblem): string {
  return terminalSafe(`${p.file}:${p.line}:${p.col}: warning: ${p.what} — ${p.fix}`);
}

/** Thrown when a lesson cannot be used; each problem is one `file:line:col` line (exit 2). */
export class LessonFileError extends TutorError {
  constructor(readonly problems: readonly LessonProblem[]) {
    const files = [...new Set(problems.map((p) => p.file))];
    super(
      `${files.join(", ")} ${problems.length === 1 ? "has a mistake" : `has ${problems.length} mistakes`}.`,
      "Fix what each line below says, then check with `docker-tutor validate <file>`.",
      ExitCode.usage,
      problems.map(formatProblem),
    );
  }
}

const isUndefined = (issue: z.core.$ZodIssue) => issue.code === "invalid_type" && issue.message.includes("received undefined");

const describePath = (path: Path): string =>
  path.reduce<string>((text, key) => (typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), "");

/** Turns a schema issue into what is wrong and how to fix it, in the author's terms. */
export function explainIssue(issue: z.core.$ZodIssue, knownFields: ReadonlySet<string>): { what: string; fix: string; path: Path } {
  const where = describePath(issue.path);
  const last = issue.path[issue.path.length - 1];
  switch (issue.code) {
    case "unrecognized_keys": {
      const key = issue.keys[0] ?? "";
      const guess = nearestName(key, [...knownFields]);
      return {
        what: `unknown field "${key}"${where ? ` in ${where}` : ""}`,
        fix: guess ? `did you mean "${guess}"?` : "remove it, or fix its spelling",
        path: [...issue.path, key],
      };
    }
    case "invalid_union":
      if (last === "kind" && "discriminator" in issue) {
        return {
          what: `unknown check kind at ${where}`,
          fix: `use one of ${CHECK_KINDS.join(", ")}`,
          path: issue.path,
        };
      }
      // A field of several forms (`fails:` a text or a list) that is not there at all: say so, as for any other field.
      if ("errors" in issue && issue.errors.length > 0 && issue.errors.every((branch) => branch.some(isUndefined))) {
        return { what: `missing field "${String(last)}"`, fix: `add ${String(last)}:`, path: issue.path };
      }
      return {
        what: `${where} is not any of the allowed forms`,
        fix: "compare it with the examples in the built-in lessons",
        path: issue.path,
      };
    case "invalid_type":
      if (isUndefined(issue)) {
        return {
          what: `missing field "${String(last)}"`,
          fix: `add ${String(last)}: (${/^[aeiou]/.test(String(issue.expected)) ? "an" : "a"} ${issue.expected})`,
          path: issue.path,
        };
      }
      return { what: `${where} should be a ${issue.expected}`, fix: `write it as a ${issue.expected}`, path: issue.path };
    case "too_small":
      if (issue.origin === "string") {
        const isHint = issue.path.includes("hints");
        return {
          what: isHint ? `hint ${Number(last) + 1} of ${describePath(issue.path.slice(0, -2))} is empty` : `${where} is empty`,
          fix: isHint ? "write what the learner should look at, or remove the empty hint" : "write it, or remove the field",
          path: issue.path,
        };
      }
      return { what: `${where} ${issue.message}`, fix: `give at least ${String(issue.minimum)}`, path: issue.path };
    case "invalid_value":
      return {
        what: `${where} has a value that is not allowed`,
        fix: `use one of ${issue.values.map(String).join(", ")}`,
        path: issue.path,
      };
    default:
      return {
        what: `${where ? `${where}: ` : ""}${issue.message}`,
        fix: "compare it with the lesson format (src/lessons/schema.ts in the docker-tutor package)",
        path: issue.path,
      };
  }
}
