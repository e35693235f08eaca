import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import envPaths from "env-paths";
import { isProgressData, type LessonProgress, PROGRESS_VERSION, type ProgressData } from "./progress-shape.js";

export type { LessonProgress, MadeRecord, ProgressData, RecordedEvent, Snapshot, StepProgress } from "./progress-shape.js";

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

  /** Writes atomically: a crash leaves the old file or the new one, never half of one. */
  save(data: ProgressData): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(data, null, 2)}\n`);
    renameSync(temporary, this.file);
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

/** The lesson's entry in `data`, made on first use. */
export function lessonEntry(data: ProgressData, lessonId: string, now: Date): LessonProgress {
  const existing = data.lessons[lessonId];
  if (existing) return existing;
  const created: LessonProgress = { startedAt: now.toISOString(), steps: {}, hints: {} };
  data.lessons[lessonId] = created;
  return created;
}
