import type { HostWorld } from "../docker/host-world.js";

/** Options every command accepts (the spec's global options). */
export interface GlobalOptions {
  readonly host?: string;
  readonly context?: string;
  readonly color: boolean;
  readonly verbose: boolean;
  readonly yes: boolean;
}

/** The outside world, handed to each command so that nothing reads `process` on its own. */
export interface Session {
  readonly world: HostWorld;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly globals: GlobalOptions;
  readonly color: boolean;
}
