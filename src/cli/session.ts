import type { HostWorld } from "../docker/host-world.js";

/** The global options: every command accepts them, before or after its name (`docker-tutor --help` lists them). */
export interface GlobalOptions {
  readonly host?: string;
  readonly context?: string;
  readonly lessonsDir?: readonly string[];
  /** The learner trusts the lesson packs: host shell commands, and docker commands outside the pack policy. */
  readonly trustPack?: boolean;
  /** The older name of --trust-pack. */
  readonly allowShell?: boolean;
  readonly var?: readonly string[];
  readonly color: boolean;
  readonly verbose: boolean;
  readonly yes: boolean;
}

/** The outside world, handed to each command so that nothing reads `process` on its own. */
export interface Session {
  readonly world: HostWorld;
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly globals: GlobalOptions;
  readonly color: boolean;
  /** Both ends are terminals: prompts and the live lesson are possible. */
  readonly interactive: boolean;
  readonly now: () => Date;
}
