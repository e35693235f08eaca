import { basename } from "node:path";
import { z } from "zod";
import { TutorError } from "../errors.js";

/**
 * What `report` reads from one student's `check --json` file: one lesson's grade (`check N --json`)
 * or an array of them (`check --json`). Fields it does not use are allowed, so files from newer
 * versions (evidence, challenge kinds, times) still read; everything in it came from a student.
 */
const checkStep = z.looseObject({
  id: z.string().min(1),
  title: z.string(),
  /** "task", "quiz", "challenge"…: only "quiz" is special (it counts in no score). */
  kind: z.string().default("task"),
  /** null: a quiz never answered. */
  pass: z.boolean().nullable(),
  /** How a pass was proven: "recorded" when the state is gone but the tutor saw it done. */
  evidence: z.string().nullable().optional(),
  checks: z.array(z.looseObject({ pass: z.boolean(), expected: z.string().optional(), actual: z.string().optional() })).default([]),
});

const lessonGrade = z.looseObject({
  /** The student's name, when the file says it (a course's script may add it): else the file's name. */
  student: z.string().trim().min(1).optional(),
  lesson: z.looseObject({ number: z.number().int(), id: z.string().min(1), slug: z.string(), title: z.string().optional() }),
  steps: z.array(checkStep),
});

// Tried by the JSON's own shape, so that a wrong file's first problem is named, not "no form fits".
const checkFile = (json: unknown) => (Array.isArray(json) ? z.array(lessonGrade).min(1) : lessonGrade.transform((l) => [l]));

export type CheckStep = z.infer<typeof checkStep>;
export type CheckLesson = z.infer<typeof lessonGrade>;

export interface StudentFile {
  readonly file: string;
  readonly student: string;
  readonly lessons: readonly CheckLesson[];
}

/** a.json → a; results/bob.check.json → bob.check */
export const studentFromFileName = (file: string): string => basename(file).replace(/\.json$/i, "") || basename(file);

/** Reads one file's text as check --json; a file that is not one is named, with how to make one. */
export function parseCheckFile(file: string, text: string): StudentFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw notCheckJson(file, `it is not JSON (${(error as Error).message})`);
  }
  const parsed = checkFile(json).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
    throw notCheckJson(file, `${issue?.message ?? "unexpected shape"}${where}`);
  }
  const lessons = parsed.data;
  const named = lessons.find((l) => l.student !== undefined)?.student;
  return { file, student: named ?? studentFromFileName(file), lessons };
}

const notCheckJson = (file: string, why: string) =>
  new TutorError(
    `${JSON.stringify(file)} is not the output of check --json: ${why}.`,
    "Make each student's file with `docker-tutor check <lesson> --json > NAME.json`.",
  );
