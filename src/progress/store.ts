import { randomBytes } from "node:crypto";
import {
  chmodSync,
  closeSync,
  constants,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import envPaths from "env-paths";
import { isProgressData, type LessonProgress, PROGRESS_VERSION, type ProgressData } from "./progress-shape.js";

export type {
  LessonProgress,
  MadeRecord,
  PassSeenBy,
  ProgressData,
  ProofResource,
  RecordedEvent,
  Snapshot,
  StepPass,
  StepProgress,
} from "./progress-shape.js";

/** `$DOCKER_TUTOR_DATA_DIR`, else the platform's data folder (XDG_DATA_HOME on Linux). */
export function dataDirectory(env: Readonly<Record<string, string | undefined>>): string {
  return env.DOCKER_TUTOR_DATA_DIR || envPaths("docker-tutor", { suffix: "" }).data;
}

export function progressPath(env: Readonly<Record<string, string | undefined>>): string {
  return join(dataDirectory(env), "progress.json");
}

export class ProgressStore {
  constructor(
    readonly file: string,
    private readonly warn: (message: string) => void,
    private readonly now: () => Date = () => new Date(),
    /** The learner's uid, whose data folder is kept private; undefined where there are none (Windows). */
    private readonly uid: number | undefined = process.getuid?.(),
  ) {}

  /** Reads progress; a corrupt, truncated or future-version file is moved aside with a warning. */
  load(): ProgressData {
    let text: string;
    try {
      text = readFileSync(this.file, "utf8");
    } catch {
      return { version: PROGRESS_VERSION, lessons: {} };
    }
    let problem: string;
    try {
      const parsed: unknown = JSON.parse(text);
      if (isProgressData(parsed)) return parsed;
      const version = (parsed as { version?: unknown } | null)?.version;
      problem =
        typeof version === "number" && version > PROGRESS_VERSION
          ? `it was written by a newer docker-tutor (format ${version})`
          : "it does not have the expected shape";
    } catch {
      problem = "it is not valid JSON (perhaps cut short)";
    }
    const aside = `${this.file}.unreadable-${this.now().toISOString().replace(/[:.]/g, "-")}`;
    renameSync(this.file, aside);
    this.warn(`Your progress file could not be read: ${problem}. It was moved to ${aside} and progress starts fresh.`);
    return { version: PROGRESS_VERSION, lessons: {} };
  }

  /**
   * Writes atomically: a crash leaves the old file or the new one, never half of one. The new one is
   * first written to a name nobody can guess, made by this call (O_EXCL) and never through a link
   * (O_NOFOLLOW), readable by the learner only, in a folder only the learner can enter.
   */
  save(data: ProgressData): void {
    const dir = dirname(this.file);
    privateFolder(dir, this.uid);
    const temporary = join(dir, `${basename(this.file)}.${randomBytes(12).toString("hex")}.tmp`);
    const fd = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
    let renamed = false;
    try {
      try {
        writeFileSync(fd, `${JSON.stringify(data, null, 2)}\n`);
      } finally {
        closeSync(fd);
      }
      renameSync(temporary, this.file);
      renamed = true;
    } finally {
      if (!renamed) rmSync(temporary, { force: true });
    }
  }

  update(change: (data: ProgressData) => void): ProgressData {
    const data = this.load();
    change(data);
    this.save(data);
    return data;
  }

  lesson(lessonId: string): LessonProgress | undefined {
    return this.load().lessons[lessonId];
  }
}

/**
 * The data folder, made 0700. One the learner made earlier with a wider mode (progress files before
 * issue 17) is narrowed, but only when it holds nothing but the tutor's own files: a
 * DOCKER_TUTOR_DATA_DIR pointed at a folder with other uses ($HOME, /tmp) keeps its mode. Either way
 * the temporary file's O_EXCL and O_NOFOLLOW keep its writes from being redirected.
 */
function privateFolder(dir: string, uid: number | undefined): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (uid === undefined) return;
  const stat = statSync(dir);
  if (stat.uid === uid && (stat.mode & 0o077) !== 0 && readdirSync(dir).every(isTutorsOwn)) chmodSync(dir, 0o700);
}

/** What the tutor keeps in its data folder: the progress file (with its temporary and set-aside copies), shared exec ids, node certificates. */
const isTutorsOwn = (entry: string): boolean => /^progress\.json($|\.)/.test(entry) || entry === "tutor-execs" || entry === "playground";

/** The lesson's entry in `data`, made on first use. */
export function lessonEntry(data: ProgressData, lessonId: string, now: Date): LessonProgress {
  const existing = data.lessons[lessonId];
  if (existing) return existing;
  const created: LessonProgress = { startedAt: now.toISOString(), steps: {}, hints: {} };
  data.lessons[lessonId] = created;
  return created;
}
