import type { DockerReader, PlaygroundView } from "../docker/reader.js";
import type { DockerEvent } from "../docker/views.js";
import type { CheckKind, CheckOf } from "../lessons/schema.js";
import type { PackLimits } from "./pack-limits.js";

/** What every check returns: pass or fail, and both sides in words a learner understands. */
export interface CheckResult {
  readonly kind: CheckKind;
  readonly pass: boolean;
  /** e.g. "a container from `alpine` that ran `echo hello from alpine`" */
  readonly expected: string;
  /** e.g. "your alpine container 3f2a1c ran `echo hello`" */
  readonly actual: string;
}

/** Where the lesson and the step began: what existed then is never "created during this lesson". */
export interface LessonScope {
  /** On the daemon's clock, as every time compared with it. */
  readonly startedAt: Date;
  /**
   * When the step being checked began, on the daemon's clock: a container matched by image counts
   * for the step only when created after it. Absent, the lesson's start stands in.
   */
  readonly stepStartedAt?: Date;
  readonly preexistingContainerIds: ReadonlySet<string>;
  /** A test run's label: containers matched by image must carry it, so two runs never see each other's. */
  readonly runLabel?: { readonly key: string; readonly value: string };
  /** A lesson pack's: which containers its checks may run commands in, which ports they may ask (pack-limits.ts). Absent for the built-in lessons. */
  readonly packLimits?: PackLimits;
}

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

export interface CheckContext {
  /** The daemon, read once per round and shared among the round's checks (docker/round.ts). */
  readonly docker: DockerReader;
  readonly scope: LessonScope;
  /** A GET from the tutor's side; rejects when nothing answers. */
  readonly httpGet: (url: string) => Promise<HttpAnswer>;
  /**
   * The multi-node playground's nodes: a node's daemon for this round, or undefined when the node is
   * not up. Absent where the lesson has no nodes.
   */
  readonly nodes?: PlaygroundView;
  /**
   * The daemon's events since the step began, oldest first, without the tutor's own probes: what
   * the learner did during the step (action checks). Absent where no step is being followed.
   */
  readonly stepEvents?: () => Promise<readonly DockerEvent[]>;
}

export type CheckEvaluator<K extends CheckKind> = (spec: CheckOf<K>, context: CheckContext) => Promise<CheckResult>;
