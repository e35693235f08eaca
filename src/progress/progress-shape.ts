/**
 * The progress file's shape. It is read on every start, so it is checked by hand here rather
 * than with zod, whose import alone costs more than the rest of `docker-tutor list`.
 */

/** Progress is keyed by lesson id and step id, never by position (renaming a title loses nothing). */
export interface StepProgress {
  status: "passed" | "skipped";
  at: string;
  hintsUsed: number;
  /** For quiz steps: what the learner answered and whether it was right. */
  answer?: string;
  correct?: boolean;
}

/** What existed when the lesson began: the ownership rules compare against it. */
export interface Snapshot {
  /** On the daemon's clock, as the `Created` times it is compared with (files before issue 14 item 7 have the tutor's). */
  takenAt: string;
  containers: string[];
  images: string[];
  imageTags: string[];
  networks: string[];
  volumes: string[];
  services: string[];
  /** Whether the daemon was in a swarm when the lesson began; a lesson leaves only a swarm it started. Absent in older files. */
  swarmActive?: boolean;
}

/**
 * What the lesson was seen making while it ran, by id (issue 17): reset removes these, where they
 * still exist, and nothing matched by name later. Absent in files from before it was kept.
 */
export interface MadeRecord {
  containers: { id: string; name: string; image: string }[];
  networks: { id: string; name: string }[];
  /** A volume has no id but its name: kept with when the daemon made it, so that a later volume of that name is not taken for it. */
  volumes: { name: string; created?: string }[];
  services: { id: string; name: string }[];
  /** A tag with the image it named then: the tag moved to an image the lesson did not make is not the lesson's. */
  imageTags: { tag: string; imageId: string }[];
  /** The id of the swarm the lesson's `swarm init` made: only that swarm is ever left. */
  swarmCluster?: string;
}

/** A daemon event kept as evidence of what the learner did during a step (src/checks/learner-actions.ts reads it). */
export interface RecordedEvent {
  type: string;
  action: string;
  actorId: string;
  attributes: Record<string, string>;
  /** On the daemon's clock. */
  timeMs: number;
}

/** Which run of the lesson saw a step pass: the interactive lesson, solve, check, or a command run under `check -- …`. */
export type PassSeenBy = "lesson" | "solve" | "check" | "watched";

/** A resource a passing step's checks looked at: `container:web` (its kind and name), with its id when it has one. */
export interface ProofResource {
  ref: string;
  id?: string;
}

/**
 * A step the tutor saw pass (issue 18): `check` counts it as passed after a later step undid its
 * state. Only the tutor writes one, when it evaluated the step's checks and all of them passed; a
 * skipped step never has one. `reset` forgets it with the rest of the lesson.
 */
export interface StepPass {
  /** On the tutor's clock (ISO), as the steps' `at`. */
  at: string;
  by: PassSeenBy;
  /** What each check expected and found when they passed. */
  checks: { kind: string; expected: string; actual: string }[];
  resources: ProofResource[];
}

export interface LessonProgress {
  /** On the tutor's clock, as `finishedAt` and the steps' `at`: shown to the learner and graded as time taken. */
  startedAt: string;
  finishedAt?: string;
  steps: Record<string, StepProgress>;
  /** Hints shown so far, per step. */
  hints: Record<string, number>;
  snapshot?: Snapshot;
  made?: MadeRecord;
  /** Values the tutor chose for the lesson's variables (another port when one was taken), kept so a resumed lesson uses them again. */
  variables?: Record<string, string>;
  /**
   * When each step was first shown, on the daemon's clock (ISO): what the learner did since counts
   * for it, in the lesson, a resumed lesson and `check`. Absent in older files.
   */
  stepStarts?: Record<string, string>;
  /**
   * Per step, what the learner was seen doing (execs, starts, network plugs) when the step passed:
   * the daemon keeps only its last 256 events, so `check` reads these once the daemon has forgotten.
   */
  evidence?: Record<string, RecordedEvent[]>;
  /** Per step, the last time the tutor saw it pass. Absent in older files. */
  passes?: Record<string, StepPass>;
  /** The folder the lesson's files were copied into, so that `reset` can restore them. Absent in older files. */
  workspace?: string;
}

export const PROGRESS_VERSION = 1;

export interface ProgressData {
  version: typeof PROGRESS_VERSION;
  lessons: Record<string, LessonProgress>;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === "string";
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const values = (v: Json) => Object.values(v);

function isStep(v: unknown): v is StepProgress {
  return (
    isObject(v) &&
    (v.status === "passed" || v.status === "skipped") &&
    isString(v.at) &&
    isCount(v.hintsUsed) &&
    (v.answer === undefined || isString(v.answer)) &&
    (v.correct === undefined || typeof v.correct === "boolean")
  );
}

function isSnapshot(v: unknown): v is Snapshot {
  return (
    isObject(v) &&
    isString(v.takenAt) &&
    ["containers", "images", "imageTags", "networks", "volumes", "services"].every((k) => isStrings(v[k])) &&
    (v.swarmActive === undefined || typeof v.swarmActive === "boolean")
  );
}

function isRecordedEvent(v: unknown): v is RecordedEvent {
  return (
    isObject(v) &&
    isString(v.type) &&
    isString(v.action) &&
    isString(v.actorId) &&
    isObject(v.attributes) &&
    values(v.attributes).every(isString) &&
    typeof v.timeMs === "number"
  );
}

const hasStrings = (v: unknown, keys: readonly string[], optional: readonly string[] = []): boolean =>
  isObject(v) && keys.every((k) => isString(v[k])) && optional.every((k) => v[k] === undefined || isString(v[k]));
const each = (v: unknown, keys: readonly string[], optional?: readonly string[]) =>
  Array.isArray(v) && v.every((item) => hasStrings(item, keys, optional));

function isMade(v: unknown): v is MadeRecord {
  return (
    isObject(v) &&
    each(v.containers, ["id", "name", "image"]) &&
    each(v.networks, ["id", "name"]) &&
    each(v.volumes, ["name"], ["created"]) &&
    each(v.services, ["id", "name"]) &&
    each(v.imageTags, ["tag", "imageId"]) &&
    (v.swarmCluster === undefined || isString(v.swarmCluster))
  );
}

const PASS_SEEN_BY: readonly string[] = ["lesson", "solve", "check", "watched"] satisfies PassSeenBy[];

function isPass(v: unknown): v is StepPass {
  return (
    isObject(v) &&
    isString(v.at) &&
    isString(v.by) &&
    PASS_SEEN_BY.includes(v.by) &&
    each(v.checks, ["kind", "expected", "actual"]) &&
    each(v.resources, ["ref"], ["id"])
  );
}

const isRecord = <T>(v: unknown, each: (value: unknown) => value is T): v is Record<string, T> => isObject(v) && values(v).every(each);
const isEvents = (v: unknown): v is RecordedEvent[] => Array.isArray(v) && v.every(isRecordedEvent);

function isLesson(v: unknown): v is LessonProgress {
  return (
    isObject(v) &&
    isString(v.startedAt) &&
    (v.finishedAt === undefined || isString(v.finishedAt)) &&
    isObject(v.steps) &&
    values(v.steps).every(isStep) &&
    isObject(v.hints) &&
    values(v.hints).every(isCount) &&
    (v.snapshot === undefined || isSnapshot(v.snapshot)) &&
    (v.made === undefined || isMade(v.made)) &&
    (v.variables === undefined || isRecord(v.variables, isString)) &&
    (v.stepStarts === undefined || isRecord(v.stepStarts, isString)) &&
    (v.evidence === undefined || isRecord(v.evidence, isEvents)) &&
    (v.passes === undefined || isRecord(v.passes, isPass)) &&
    (v.workspace === undefined || isString(v.workspace))
  );
}

export function isProgressData(v: unknown): v is ProgressData {
  return isObject(v) && v.version === PROGRESS_VERSION && isObject(v.lessons) && values(v.lessons).every(isLesson);
}
