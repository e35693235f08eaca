import type Dockerode from "dockerode";
import { EventCompleter, type EventLookups, type ExecSession, type TutorExecTimes } from "./complete-events.js";
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

/** How old an exec start in the history may be for its session to be waited for. */
const RECENT_EXEC_MS = 10_000;

/** The stream's events in Docker's shape, one at a time and in order; none after `until`. */
export async function* completedEvents(
  events: AsyncIterable<DockerEvent>,
  lookups: EventLookups,
  until?: Date,
  tutorExecs?: TutorExecTimes,
): AsyncGenerator<DockerEvent> {
  // Reading the history (`until`), the session of an exec that started a while ago and is not found
  // now never will be: waiting for each cost a second, and `check` on a Podman whose containers had
  // run many execs a minute or two. A recent one may still be on its way, as on the live stream.
  const recent = (event: DockerEvent) => until === undefined || until.getTime() - event.timeMs < RECENT_EXEC_MS;
  const completer = new EventCompleter(lookups, { worthReadingAgain: recent, ...(tutorExecs ? { tutorExecs } : {}) });
  for await (const event of events) {
    if (until && event.timeMs > until.getTime()) continue;
    yield await completer.complete(event);
  }
}
