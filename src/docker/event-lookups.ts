import type Dockerode from "dockerode";
import { EventCompleter, type EventLookups, type ExecSession } from "./complete-events.js";
import { unlessMissing } from "./docker-errors.js";
import type { DockerEvent } from "./views.js";

interface RawExec {
  ID?: string;
  Running?: boolean;
  ExitCode?: number | null;
  ProcessConfig?: { entrypoint?: string; arguments?: string[] | null };
}

/** What completing Podman's events asks of the daemon (complete-events.ts). */
export function eventLookups(docker: Dockerode): EventLookups {
  return {
    execSessions: async (containerId) => {
      const container = (await unlessMissing(docker.getContainer(containerId).inspect())) as { ExecIDs?: string[] | null } | undefined;
      const execs = await Promise.all(
        (container?.ExecIDs ?? []).map((id) => unlessMissing(docker.getExec(id).inspect()) as Promise<RawExec | undefined>),
      );
      return execs.flatMap((raw): ExecSession[] => (raw?.ID ? [toExecSession(raw.ID, raw)] : []));
    },
    networkId: async (name) => ((await unlessMissing(docker.getNetwork(name).inspect())) as { Id?: string } | undefined)?.Id,
  };
}

const toExecSession = (id: string, raw: RawExec): ExecSession => ({
  id,
  running: raw.Running === true,
  exitCode: typeof raw.ExitCode === "number" ? raw.ExitCode : undefined,
  command: [raw.ProcessConfig?.entrypoint ?? "", ...(raw.ProcessConfig?.arguments ?? [])].filter((word) => word !== "").join(" "),
});

/** The stream's events in Docker's shape, one at a time and in order; none after `until`. */
export async function* completedEvents(
  events: AsyncIterable<DockerEvent>,
  lookups: EventLookups,
  until?: Date,
): AsyncGenerator<DockerEvent> {
  // Reading the history (`until`), an exec session not found now never will be: waiting for it cost
  // a second per exec, and a minute for `check` on a Podman container that had run many.
  const completer = until === undefined ? new EventCompleter(lookups) : new EventCompleter(lookups, undefined, []);
  for await (const event of events) {
    if (until && event.timeMs > until.getTime()) continue;
    yield await completer.complete(event);
  }
}
