import { dirname, join } from "node:path";
import { actionTargetIds } from "../checks/action.js";
import type { CheckContext, CheckResult, LessonScope } from "../checks/check.js";
import { isActionEvent } from "../checks/learner-actions.js";
import { limitCommands, limitHttp } from "../checks/pack-limits.js";
import { evaluateChecks } from "../checks/registry.js";
import type { DockerClient } from "../docker/client.js";
import { DaemonClock } from "../docker/daemon-clock.js";
import { PURPOSE_LABEL } from "../docker/labels.js";
import type { DockerReader } from "../docker/reader.js";
import { createRound } from "../docker/round.js";
import type { DockerEvent } from "../docker/views.js";
import { type ImagesForNodes, pullImagesForNodes } from "../env/images-for-nodes.js";
import { type BringUpOptions, type BringUpResult, bringUp, removePlayground } from "../env/playground-lifecycle.js";
import { type PlaygroundNodes, playgroundFor } from "../env/playground-nodes.js";
import { DEFAULT_NODE_IMAGE, planPlayground } from "../env/playground-plan.js";
import type { CatalogEntry } from "../lessons/catalog.js";
import type { Lesson, Quiz, Step } from "../lessons/schema.js";
import { isTrusted } from "../lessons/trust.js";
import type { MadeRecord, PassSeenBy, Snapshot } from "../progress/store.js";
import { withinTime } from "../within-time.js";
import { clearHeldName } from "./clear-held-name.js";
import { DaemonElsewhere } from "./daemon-elsewhere.js";
import { followDaemon } from "./daemon-follow.js";
import type { LessonOutput } from "./events.js";
import { type GradeOptions, gradeSteps, type LessonGrade } from "./grade.js";
import { firstUnfinishedStep, LessonEngine } from "./lesson-engine.js";
import type { LessonRecord } from "./lesson-record.js";
import { expectedAnswers } from "./live-answers.js";
import { type Baseline, baselineOf, ownedByRecord } from "./made-record.js";
import { MadeRecorder } from "./made-recorder.js";
import { type OwnedResources, readDaemonObjects } from "./ownership.js";
import { packGuard } from "./pack-guard.js";
import { packLimitsFor } from "./pack-scope.js";
import { RoundScheduler } from "./round-scheduler.js";
import { runSolution, type SolutionIO, type SolutionOutcome } from "./solution-runner.js";
import { mergeEvents, StepEventLog } from "./step-events.js";
import { stepPass } from "./step-proof.js";
import { WakingEvents } from "./waking-events.js";
import { WarmExecs } from "./warm-execs.js";

/**
 * How a run knows what was on the daemon before the lesson: `record` takes a snapshot at the
 * lesson's first start and keeps it in progress (lesson, solve); `recorded` only reads the one kept
 * (check, hint); `fresh` takes one now and keeps it to itself (test).
 */
export type SnapshotPolicy = "record" | "recorded" | "fresh";

export interface LessonRunOptions {
  readonly client: DockerClient;
  /** The lesson, loaded with its variables. */
  readonly entry: CatalogEntry;
  readonly snapshot: SnapshotPolicy;
  /** The lesson's progress; absent for a test run, which keeps nothing. */
  readonly record?: LessonRecord;
  /** The lesson's working folder: solutions write files and run commands there. */
  readonly workspace?: string;
  /** A test run's mark: containers its solutions make carry it, and only those count as the run's. */
  readonly runLabel?: { readonly key: string; readonly value: string };
  /** The tutor's clock; what is compared with the daemon's timestamps is on the daemon's clock (daemon-clock.ts). */
  readonly now?: () => Date;
  /** The daemon's clock, when several runs on one daemon share it (a check of every lesson); else one of the run's own. */
  readonly daemonClock?: DaemonClock;
  /**
   * The moment of a look taken once (a check of every lesson), on the daemon's clock: the daemon's
   * history is read up to it, the same for every lesson, so one read can answer them all. Absent,
   * each read goes up to the daemon's now.
   */
  readonly lookAt?: Date;
}

export interface SettleOptions {
  /** Epoch ms after which the last answer stands. */
  readonly until: number;
  readonly signal?: AbortSignal;
}

export interface WatchOptions {
  readonly emit: (output: LessonOutput) => void;
  /** 0-based; default: the first unfinished step. */
  readonly startIndex?: number;
  /** How often checks no daemon event announces (http, exec, registry) are polled. */
  readonly tickMs?: number;
  /** "Run it for me" (the `r` key); absent, the key does nothing. */
  readonly runSolution?: (step: Step) => Promise<void>;
}

/** The interactive lesson while it runs: the engine fed by the daemon's (and the nodes') events. */
export interface LessonWatch {
  readonly engine: LessonEngine;
  /** Shows the first step; call it once whoever shows outputs is ready. */
  start(): void;
  close(): Promise<void>;
}

/** Every task step watched at once while a command does the work (`check -- …`). */
export interface EveryStepWatch {
  /** Stops following the daemon after a last look; resolves to the ids of the steps seen passing. */
  close(): Promise<ReadonlySet<string>>;
}

export interface EveryStepOptions {
  /** A step was seen passing, as it happened. */
  readonly passed?: (step: Step) => void;
  readonly warn: (message: string) => void;
  /** How often every step not yet seen passing is checked again without a daemon event. */
  readonly tickMs?: number;
  /** How long the last look may go on for state still arriving (a web server starting) once the command ended. */
  readonly settleMs?: number;
}

/** What the `live` log of a run that watches every step at once is called in place of a step id. */
const EVERY_STEP = "";
const SETTLE_POLL_MS = 250;
/** A playground a run started, and the images it pulled (or could not) to copy into its nodes. */
export type StartedPlayground = BringUpResult & ImagesForNodes;

/** What a learner's `exec_die` is called when it is given to the engine (see wakingEvent). */
export const LEARNER_EXEC_DONE = "learner_exec_done";
/** How many of a step's learner actions progress keeps as its evidence. */
const EVIDENCE_KEPT = 100;
/** The file, beside progress.json, where tutor processes share the ids of their own execs (tutor-execs.ts). */
const TUTOR_EXECS_FILE = "tutor-execs";
/** How long the last look at what the lesson made may take when the lesson ends: a hung daemon must not hold the learner. */
const LAST_LOOK_MS = 4000;

/**
 * One run of a lesson against a daemon, whatever runs it (the interactive lesson, solve, test,
 * check, hint): what existed before it and so what counts as the lesson's, the playground its
 * nodes run on, how a step is evaluated and settled, how solutions run, and what progress keeps.
 */
export class LessonRun {
  readonly lesson: Lesson;
  readonly scope: LessonScope;
  /** The lesson's playground, when its steps run on nodes. */
  readonly nodes: PlaygroundNodes | undefined;
  /** http checks and bind mounts when the daemon is not on this machine. */
  private readonly elsewhere: DaemonElsewhere;
  /** When each step this run entered began, on the daemon's clock. */
  private readonly stepStarts = new Map<string, Date>();
  /**
   * The daemon's live events: of the step being shown (watch), or of every step (watchEveryStep,
   * stepId EVERY_STEP); absent, the daemon's history is read.
   */
  private live: { readonly stepId: string; readonly log: StepEventLog } | undefined;
  /** What the lesson is seen making while this run lasts (lesson, solve, test); others only read the record. */
  private readonly recorder: MadeRecorder;
  /** The playground this run's own `env up` made, the only one it ever removes. */
  private playgroundMade: string | undefined;

  private constructor(
    private readonly options: LessonRunOptions,
    /** What was on the daemon before the lesson; undefined when nothing was recorded (check before any start). */
    readonly snapshot: Snapshot | undefined,
    /** The daemon's clock: the snapshot's time and the event stream's `since` are on it. */
    private readonly daemonClock: DaemonClock,
    /** What was on the daemon when this run began, for a run that records what the lesson makes. */
    baseline?: Baseline,
  ) {
    this.lesson = options.entry.lesson;
    this.scope = {
      // On the daemon's clock, as the `Created` it is compared with. Without a recorded start,
      // everything on the daemon counts as made "during the lesson".
      startedAt: snapshot ? new Date(snapshot.takenAt) : new Date(0),
      preexistingContainerIds: new Set(snapshot?.containers ?? []),
      ...(options.runLabel ? { runLabel: options.runLabel } : {}),
    };
    const packLimits = packLimitsFor(options.entry, snapshot, options.runLabel);
    if (packLimits) this.scope = { ...this.scope, packLimits };
    this.nodes = playgroundFor(options.client, this.lesson);
    this.elsewhere = new DaemonElsewhere(options.client, this.lesson, options.workspace);
    const record = options.record;
    this.recorder = new MadeRecorder({
      client: options.client,
      lesson: this.lesson,
      baseline,
      made: record?.made,
      ...(record && baseline ? { keep: (found: MadeRecord) => record.keepMade(found) } : {}),
      ...(options.runLabel ? { runLabel: options.runLabel } : {}),
    });
    // Tutor processes sharing progress share their execs too: a `check` probing while the lesson runs is not the learner.
    const progressFile = options.record?.file;
    if (progressFile) options.client.tutorExecs.shareThrough(join(dirname(progressFile), TUTOR_EXECS_FILE));
    // Podman's exec events are told apart from the tutor's probes by time, and their times are the daemon's.
    options.client.tutorExecs.useClock(() => daemonClock.knownNowMs());
  }

  static async open(options: LessonRunOptions): Promise<LessonRun> {
    const clock = options.daemonClock ?? new DaemonClock(options.client, options.now);
    const kept = options.record?.snapshot;
    if (options.snapshot === "recorded") return new LessonRun(options, kept, clock);
    const look = async () => {
      const [objects, takenAt] = await Promise.all([readDaemonObjects(options.client), clock.now()]);
      return baselineOf(objects, takenAt);
    };
    // A resumed lesson records only what appears from now on: what came meanwhile is not the lesson's.
    if (options.snapshot === "record" && kept) return new LessonRun(options, kept, clock, await look().catch(() => undefined));
    const baseline = await look();
    const keep = options.snapshot === "record" && options.record;
    return new LessonRun(options, keep ? options.record.keepSnapshot(baseline.snapshot) : baseline.snapshot, clock, baseline);
  }

  get entry(): CatalogEntry {
    return this.options.entry;
  }

  get client(): DockerClient {
    return this.options.client;
  }

  get record(): LessonRecord | undefined {
    return this.options.record;
  }

  /** What the lesson was seen making, by id; undefined when nothing was recorded (progress from before it was). */
  get made(): MadeRecord | undefined {
    return this.recorder.record;
  }

  /** Looks at the daemon now and records what the lesson made since this run began (nothing for a run that only reads). */
  recordMade(): Promise<void> {
    return this.recorder.look();
  }

  /**
   * The step begins now: its window opens on the daemon's clock (a container matched by image counts
   * only if made after it, an action only if done after it). The interactive lesson calls it when
   * it shows the step, solve and test before they run its solution. Progress keeps it, so `check`
   * and a resumed lesson know it; a step shown earlier and not yet done keeps its first start.
   */
  async enterStep(step: Step): Promise<void> {
    const now = await this.daemonClock.now();
    const start = this.options.record?.enterStep(step.id, now) ?? now;
    this.stepStarts.set(step.id, start);
    if (!this.live) return;
    this.live = { stepId: step.id, log: this.live.log };
    this.live.log.open(start);
    // A resumed step began before this process followed the daemon: what the daemon still remembers of it counts.
    for (const event of await this.history(start).catch(() => [])) this.live.log.add(event);
  }

  /** When the step began: entered by this run, else as progress recorded it; undefined when neither knows (the lesson's start stands in). */
  stepStart(step: Step): Date | undefined {
    return this.stepStarts.get(step.id) ?? this.options.record?.stepStart(step.id);
  }

  /** One check round's view of the daemon (and the nodes), for one step: each question reaches a daemon once. */
  private context(step: Step, docker: DockerReader = createRound(this.options.client), nodes = this.nodes?.round()): CheckContext {
    const stepStartedAt = this.stepStart(step);
    const scope = stepStartedAt ? { ...this.scope, stepStartedAt } : this.scope;
    return {
      // A pack's checks run commands and ask pages only where the lesson made something (pack-limits.ts).
      docker: limitCommands(docker, scope),
      scope,
      httpGet: limitHttp(this.elsewhere.httpGet(docker), scope, docker),
      stepEvents: () => this.stepEvents(step),
      ...(nodes ? { nodes } : {}),
    };
  }

  /** The step's checks against the daemon as it is now. */
  async evaluate(step: Step, docker: DockerReader = createRound(this.options.client), nodes = this.nodes?.round()): Promise<CheckResult[]> {
    await this.elsewhere.prepare(step);
    return evaluateChecks(step.checks, this.context(step, docker, nodes));
  }

  /**
   * The steps whose checks all passed are kept in progress as passes the tutor saw (issue 18), with
   * the ids of what they looked at, read through `docker`, the round that evaluated them.
   */
  private async witness(
    evaluated: readonly { readonly step: Step; readonly results: readonly CheckResult[] }[],
    docker: DockerReader,
    by: PassSeenBy,
  ): Promise<void> {
    const record = this.options.record;
    const passing = evaluated.filter(({ results }) => results.length > 0 && results.every((r) => r.pass));
    // A lesson never started keeps nothing (a `check` of every lesson starts none).
    if (!record || passing.length === 0 || record.read() === undefined) return;
    const at = this.options.now?.() ?? new Date();
    const passes = await Promise.all(
      passing.map(async ({ step, results }) => [step.id, await stepPass(step, results, docker, at, by)] as const),
    );
    record.keepPasses(Object.fromEntries(passes));
  }

  /**
   * What happened on the daemon since the step began, without the tutor's own probes: the live log
   * of the step being shown, or else the daemon's history and the evidence progress kept.
   */
  private async stepEvents(step: Step): Promise<DockerEvent[]> {
    const start = this.stepStart(step) ?? this.scope.startedAt;
    const followed = this.live?.stepId === step.id || this.live?.stepId === EVERY_STEP ? this.live.log : undefined;
    const live = followed?.all().filter((e) => e.timeMs >= start.getTime());
    const events = live ?? mergeEvents(this.options.record?.evidence(step.id) ?? [], await this.history(start));
    const { tutorExecs } = this.options.client;
    return events.filter((e) => !e.attributes[PURPOSE_LABEL] && !(e.attributes.execID && tutorExecs.has(e.attributes.execID)));
  }

  /**
   * The daemon's events from `since` to its now. The daemon keeps only its last 256 events (moby's
   * daemon/events/events.go, `eventsLimit`), and none from before it restarted: once more happened
   * since, the older ones are simply missing from the answer, and nothing says so. A busy daemon
   * (the tutor's own probes make three events each) can forget a step's action within minutes;
   * the evidence progress keeps when a step passes is what `check` grades it by then.
   */
  private async history(since: Date): Promise<DockerEvent[]> {
    // Not a moment before the daemon's now, or an event of the last few milliseconds could be left out.
    const until = this.options.lookAt ?? (await this.daemonClock.latestNow());
    const events: DockerEvent[] = [];
    const never = new AbortController().signal;
    for await (const event of this.options.client.events({ signal: never, since, until })) events.push(event);
    return events;
  }

  /** A step passed: progress keeps what the learner was seen doing during it, when its checks asked. */
  private async keepEvidence(step: Step, docker?: DockerReader): Promise<void> {
    const record = this.options.record;
    const actionChecks = step.checks.filter((c) => c.kind === "action");
    if (!record || actionChecks.length === 0) return;
    // Only what was done to the containers the checks look at: on a shared daemon, others' execs are none of the learner's.
    const context = this.context(step, docker);
    const targets = new Set((await Promise.all(actionChecks.map((check) => actionTargetIds(check, context)))).flat());
    const about = (e: DockerEvent) => targets.has(e.type === "network" ? (e.attributes.container ?? "") : e.actorId);
    const events = (await this.stepEvents(step)).filter((e) => isActionEvent(e) && about(e)).slice(-EVIDENCE_KEPT);
    record.keepEvidence(
      step.id,
      events.map(({ type, action, actorId, attributes, timeMs }) => ({ type, action, actorId, attributes: { ...attributes }, timeMs })),
    );
  }

  /** Said before a step whose bind mount cannot work on this daemon (another machine, a folder Docker Desktop does not share). */
  bindMountNotice(step: Step): Promise<string | undefined> {
    return this.elsewhere.notice(step).catch(() => undefined);
  }

  /** Checks again until they pass or time runs out: some state arrives a moment after a command returns (a task starting, a page served). */
  async settle(step: Step, options: SettleOptions): Promise<CheckResult[]> {
    for (;;) {
      const docker = createRound(this.options.client);
      const results = await this.evaluate(step, docker);
      if (results.every((r) => r.pass)) {
        await this.keepEvidence(step);
        await this.witness([{ step, results }], docker, "solve");
      }
      if (results.every((r) => r.pass) || Date.now() >= options.until || options.signal?.aborted) return results;
      await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
    }
  }

  /** The accepted answers of a quiz: written in the lesson, or read from the daemon now. */
  expectedAnswers(quiz: Quiz): Promise<string[]> {
    return expectedAnswers(quiz, createRound(this.options.client), this.scope.startedAt, this.scope);
  }

  /**
   * Task steps from live state (one shared round), or else from the passes progress recorded;
   * quizzes from the answers progress recorded. What passes now is recorded as seen (`check` only
   * reads the daemon: it writes progress alone, and only for a lesson that has progress).
   */
  async grade(options: Omit<GradeOptions, "now"> = {}): Promise<LessonGrade> {
    await this.elsewhere.prepareAll();
    const docker = createRound(this.options.client);
    const nodes = this.nodes?.round();
    const seen: { step: Step; results: CheckResult[] }[] = [];
    const evaluate = async (step: Step) => {
      const results = await evaluateChecks(step.checks, this.context(step, docker, nodes));
      seen.push({ step, results });
      return results;
    };
    const now = this.options.now?.() ?? new Date();
    const grade = await gradeSteps(this.lesson, this.options.record?.read(), evaluate, { ...options, now });
    await this.witness(seen, docker, "check");
    return grade;
  }

  /** The step's solution in the lesson's workspace, on the lesson's nodes, with a test run's mark on what it makes. */
  async runSolution(step: Step, io: Omit<SolutionIO, "labels" | "nodes" | "guard">): Promise<SolutionOutcome> {
    const { runLabel, client } = this.options;
    const workspace = this.options.workspace ?? process.cwd();
    const notice = await this.bindMountNotice(step);
    if (notice) io.announce(`# ${notice}`);
    // A playground node gets the lesson folder before the solution mounts it, and again after it wrote files.
    const problem = await this.elsewhere.prepare(step);
    if (problem) io.announce(`# ${problem}`);
    const outcome = await runSolution(step, client, workspace, {
      ...io,
      ...(runLabel ? { labels: { [runLabel.key]: runLabel.value } } : {}),
      ...(this.nodes ? { nodes: this.nodes } : {}),
      // A pack the learner has not trusted: each command is held to the pack policy as it will run.
      ...(isTrusted(this.entry) ? {} : { guard: packGuard(workspace) }),
      // Unstuck in one step (issue 15): what the lesson's own earlier try left under a name the
      // solution makes is removed first; a name something not the lesson's holds stops it.
      clearName: (line, env) =>
        clearHeldName(line, env, {
          client,
          snapshot: this.snapshot,
          made: () => this.recordMade().then(() => this.made),
          variables: this.entry.variables,
          now: () => this.daemonClock.now(),
        }),
    });
    await this.elsewhere.prepare(step);
    await this.recordMade();
    return outcome;
  }

  /** Whether as many playground nodes as the lesson needs are running. */
  async playgroundReady(): Promise<boolean> {
    if (!this.nodes) return true;
    return (await this.nodes.addresses()).length >= (this.lesson.requires.nodes ?? 1);
  }

  /**
   * Starts the lesson's playground as `docker-tutor env up --nodes N` would, with the lesson's images
   * in each node: those missing here are pulled first, and, made by this run, are its to remove.
   */
  async startPlayground(options: Omit<BringUpOptions, "image" | "images">): Promise<StartedPlayground | undefined> {
    const { requires } = this.lesson;
    const say = (text: string) => options.say("info", text);
    const images = await pullImagesForNodes(this.options.client, requires.images, {
      say,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const up = await bringUp(this.options.client, planPlayground(requires.playground, requires.nodes ?? 1), {
      image: DEFAULT_NODE_IMAGE,
      images: requires.images,
      ...options,
    });
    if (!up) return undefined;
    this.playgroundMade = requires.playground;
    return { ...up, ...images };
  }

  /**
   * Removes the playground this run's own startPlayground made (a test run's), and nothing when it
   * made none: one that was up before, or that `env up` refused to touch, is the learner's.
   */
  async removePlayground(): Promise<void> {
    if (!this.playgroundMade) return;
    await removePlayground(this.options.client.playground(), this.playgroundMade);
    this.playgroundMade = undefined;
  }

  /** What the lesson was seen making that is on the daemon now; nothing without a record. */
  async owned(): Promise<OwnedResources | undefined> {
    const made = this.made;
    if (!made) return undefined;
    return ownedByRecord(made, await readDaemonObjects(this.options.client));
  }

  /** The interactive lesson: the engine, fed by the daemon's events, ticks for polled checks, and the nodes' events. */
  watch(options: WatchOptions): LessonWatch {
    const record = this.options.record;
    if (!record) throw new Error("an interactive lesson keeps progress: open its run with a record");
    const log = new StepEventLog();
    this.live = { stepId: "", log };
    /** Each round's reader, by the results it gave, for the proof of a pass. */
    const roundOf = new WeakMap<readonly CheckResult[], DockerReader>();
    const warm = new WarmExecs();
    const engine = new LessonEngine(
      {
        lesson: this.lesson,
        woken: () => warm.forget(),
        evaluate: async (step) => {
          const look = async (fresh: boolean) => {
            const warmRound = warm.round(fresh);
            const docker = createRound(warmRound.over(this.options.client));
            const results = await this.evaluate(
              step,
              docker,
              this.nodes?.round((node, reader) => warmRound.over(reader, node)),
            );
            roundOf.set(results, docker);
            return { results, warmRound };
          };
          const { results, warmRound } = await look(false);
          // An exec answered from the round before may only hasten a pass, never hold a step back.
          return warmRound.answeredFromKept && !results.every((r) => r.pass) ? (await look(true)).results : results;
        },
        afterPass: async (step, results) => {
          // Through the round that evaluated the step: what it read is still warm.
          const docker = roundOf.get(results) ?? createRound(this.options.client);
          await Promise.all([this.keepEvidence(step, docker), this.witness([{ step, results }], docker, "lesson")]);
          this.recorder.lookSoon();
        },
        stepEntered: (step) => this.enterStep(step),
        expectedAnswer: (quiz) => this.expectedAnswers(quiz),
        record,
        emit: (output) => {
          options.emit(output);
          // Before a step whose bind mount cannot work here, one line saying why and what to do.
          if (output.type === "step")
            void this.bindMountNotice(output.step).then((message) => message && options.emit({ type: "warning", message }));
        },
        ...(options.runSolution ? { runSolution: options.runSolution } : {}),
      },
      options.startIndex ?? firstUnfinishedStep(this.lesson, record.read()?.steps ?? {}),
    );
    // What the learner made is looked for between check rounds, not during one.
    this.recorder.yieldTo(() => engine.busy);
    const following = new AbortController();
    const seen = (event: DockerEvent) => {
      log.add(event);
      this.recorder.saw(event);
      return this.wakingEvent(event);
    };
    const followed = followDaemon(this.options.client, this.daemonClock, this.nodes, engine, following.signal, seen);
    const ticker = setInterval(() => engine.dispatch({ type: "tick" }), options.tickMs ?? 2000);
    ticker.unref();
    return {
      engine,
      start: () => engine.start(),
      close: async () => {
        clearInterval(ticker);
        following.abort();
        await followed;
        this.live = undefined;
        this.recorder.stop();
        // The lesson ends: one last look records what it made since the last one.
        await withinTime(this.recordMade(), LAST_LOOK_MS);
      },
    };
  }

  /**
   * Every task step watched at once while a command does the work (a student's script under
   * `check -- …`): it may do step 1, 2, 3… in a blink, so after each burst of the daemon's events,
   * and on ticks, each step not yet seen passing is checked, and each that passes is recorded as a
   * pass the tutor saw. Each step's window opens now (one shown earlier and not done keeps its start).
   */
  async watchEveryStep(options: EveryStepOptions): Promise<EveryStepWatch> {
    if (!this.options.record) throw new Error("a watched command keeps progress: open its run with a record");
    const steps = this.lesson.steps.filter((s) => s.kind !== "quiz");
    for (const step of steps) await this.enterStep(step);
    const from = Math.min(...steps.map((s) => (this.stepStart(s) ?? this.scope.startedAt).getTime()));
    const log = new StepEventLog();
    log.open(new Date(from));
    this.live = { stepId: EVERY_STEP, log };
    for (const event of await this.history(new Date(from)).catch(() => [])) log.add(event);
    const pending = new Set(steps.map((s) => s.id));
    const round = async () => {
      const docker = createRound(this.options.client);
      const nodes = this.nodes?.round();
      const evaluated = await Promise.all(
        steps
          .filter((s) => pending.has(s.id))
          .map(async (step) => {
            await this.elsewhere.prepare(step);
            return { step, results: await evaluateChecks(step.checks, this.context(step, docker, nodes)) };
          }),
      );
      const passing = evaluated.filter(({ results }) => results.length > 0 && results.every((r) => r.pass));
      for (const { step } of passing) pending.delete(step.id);
      // What the learner was seen doing, for `check` once the daemon has forgotten (as solve keeps it).
      for (const { step } of passing) await this.keepEvidence(step);
      await this.witness(passing, docker, "watched");
      for (const { step } of passing) options.passed?.(step);
    };
    const waking = new WakingEvents();
    const scheduler = new RoundScheduler({ round, wakes: (e) => waking.wakes(e), warn: options.warn });
    const following = new AbortController();
    const seen = (event: DockerEvent) => {
      log.add(event);
      this.recorder.saw(event);
      return this.wakingEvent(event);
    };
    const followed = followDaemon(this.options.client, this.daemonClock, this.nodes, scheduler, following.signal, seen);
    const ticker = setInterval(() => scheduler.dispatch({ type: "tick" }), options.tickMs ?? 1000);
    ticker.unref();
    // What is true already (done before the command) passes at once.
    scheduler.request();
    return {
      close: async () => {
        clearInterval(ticker);
        // The command's last changes may still be arriving: look until every step passed or time is up.
        const until = Date.now() + (options.settleMs ?? 2000);
        for (;;) {
          scheduler.request();
          await scheduler.idle();
          if (pending.size === 0 || Date.now() >= until) break;
          await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
        }
        following.abort();
        await followed;
        this.live = undefined;
        this.recorder.stop();
        await withinTime(this.recordMade(), LAST_LOOK_MS);
        return new Set(steps.filter((s) => !pending.has(s.id)).map((s) => s.id));
      },
    };
  }

  /**
   * The engine takes every exec event for one of its own probes and never wakes on it (it could
   * not tell them apart). The tutor knows its probes by exec id now: a learner's finished exec is
   * passed on under another name, so that a step waiting for it turns green at once.
   */
  private wakingEvent(event: DockerEvent): DockerEvent {
    const execId = event.attributes.execID;
    if (event.type !== "container" || event.action !== "exec_die" || !execId || this.options.client.tutorExecs.has(execId)) return event;
    return { ...event, action: LEARNER_EXEC_DONE };
  }
}
