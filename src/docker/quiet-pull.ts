import { Writable } from "node:stream";
import type { DockerClient } from "./client.js";

export interface QuietPullOptions {
  /** Where the pull's complaints go; nowhere by default. */
  readonly stderr?: NodeJS.WritableStream;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
  readonly signal?: AbortSignal;
}

/**
 * `docker image pull -q IMAGE` through the interpreter, its progress discarded; true when it
 * succeeded. The name is one quoted word, so a lesson pack's image name is never read as more
 * flags or variables.
 */
export async function pullQuietly(client: DockerClient, image: string, options: QuietPullOptions = {}): Promise<boolean> {
  const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });
  const line = `docker image pull -q '${image.replaceAll("'", "'\\''")}'`;
  const io = {
    stdout: discard(),
    stderr: options.stderr ?? discard(),
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? {},
    ...(options.signal ? { signal: options.signal } : {}),
  };
  return (await client.runCommand(line, io).catch(() => 1)) === 0;
}
