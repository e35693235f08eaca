import type { ApiCall } from "./api-call.js";
import type { FlagSpec, ParsedFlags } from "./flags.js";
import type { EngineTransport } from "./transport.js";

/** Where a command reads and writes, and the shell facts its words were expanded with. */
export interface CommandIO {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** Text for `-i` commands, or nothing. */
  readonly stdin?: string;
  readonly cwd: string;
  /**
   * Labels added to every container the command creates, as `--label` would: a test run marks
   * its containers so that matching by image never picks up another run's.
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * A test run's: a service counts as converged once its tasks run, without the CLI's 5-second
   * "verify: Waiting … to verify that tasks are stable" (the step's checks wait for the state
   * themselves). A learner's lesson, `solve` and `explain` keep the CLI's wait.
   */
  readonly convergedWhenRunning?: boolean;
  /**
   * A test run's: whether a service that `service rm` or `stack rm` just removed is the run's own,
   * whose task containers are then killed at once instead of after the swarm's 10-second stop
   * grace (swarm/task-kill.ts). Absent (a learner's lesson, `solve`), the swarm stops them as usual.
   */
  readonly killRemovedTasks?: (service: { readonly id: string; readonly name: string }) => boolean;
  /**
   * A test run's: the stop grace, in seconds, of the services it creates (swarm/stop-grace.ts), so
   * that a task the swarm stops (a drain, an update) does not sit out the 10-second default.
   */
  readonly taskStopGraceSeconds?: number;
  /** The clock, in milliseconds, for the ages tables print ("2 minutes ago"); Date.now when absent. */
  readonly now?: () => number;
}

/** What time it is for `io`. */
export const nowOf = (io: CommandIO): number => (io.now ?? Date.now)();

export interface IntentInput {
  readonly flags: ParsedFlags;
  readonly args: readonly string[];
  /** The working directory, for relative paths (a build context, a bind source). */
  readonly cwd: string;
  /** The shell's variables, for `-e KEY` without a value. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The docker CLI's settings (TokenizeEnv.cliSettings); `env` when not given. */
  readonly cli?: Readonly<Record<string, string | undefined>>;
}

/** A problem with what was typed, said as the docker CLI would, in one sentence. */
export interface Refusal {
  readonly problem: string;
  /** The docker CLI's exit code for it: 125 (its own failure, the default) or 1 (a command's usage error). */
  readonly exitCode?: number;
}

export const refuse = (problem: string, exitCode?: number): Refusal => (exitCode === undefined ? { problem } : { problem, exitCode });
export const isRefusal = (value: unknown): value is Refusal => typeof value === "object" && value !== null && "problem" in value;

/**
 * One docker command the interpreter knows. Parsing into an intent and planning the API calls
 * are pure (table-tested); executing sends those calls through an EngineTransport and prints what
 * the docker CLI prints, so it can be tested against a fake one.
 */
export interface CommandDefinition<Intent = unknown> {
  /** The canonical words, e.g. ["container", "run"]. */
  readonly path: readonly string[];
  /** Other spellings, e.g. [["run"]]. */
  readonly aliases: readonly (readonly string[])[];
  readonly flags: readonly FlagSpec[];
  /** false for run, create and exec: the image (or container) ends the flags. */
  readonly interspersed: boolean;
  toIntent(input: IntentInput): Intent | Refusal;
  plan(intent: Intent): ApiCall[];
  /** Resolves to the exit code the docker CLI would give. */
  execute(intent: Intent, engine: EngineTransport, io: CommandIO): Promise<number>;
}

/** Lets a list hold definitions of different intents. */
export function defineCommand<Intent>(definition: CommandDefinition<Intent>): CommandDefinition<unknown> {
  return definition as CommandDefinition<unknown>;
}
