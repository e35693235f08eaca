import type Dockerode from "dockerode";
import { copyFolderToDaemonHost } from "./daemon-host-folder.js";
import { type DaemonPlace, type PlaceEvidence, placeOf } from "./daemon-place.js";
import { missingEndpointOf, missingEndpointWords, registryRefusalWords } from "./docker-errors.js";
import type { Endpoint } from "./endpoint.js";
import { completedEvents, eventLookups } from "./event-lookups.js";
import { readEvents, toEventSeconds } from "./event-stream.js";
import { createHostResources, type HostResources } from "./host-resources.js";
import { createImageArchive, type ImageArchive } from "./image-archive.js";
import type { CommandIO } from "./interpreter/command.js";
import { toServiceSummary } from "./map-views.js";
import { createReader, type DockerReader } from "./reader.js";
import { createRemover, type DockerRemover } from "./remover.js";
import { TutorExecs } from "./tutor-execs.js";
import type { DaemonInfo, DockerEvent, EngineVersion, ServiceSummary } from "./views.js";

/**
 * The daemon as the rest of the tutor sees it: a reader (what checks and ownership read), a remover
 * (what reset and cleanup remove), and the few things only commands use.
 */
export interface DockerClient extends DockerReader, DockerRemover {
  readonly endpoint: Endpoint;
  readonly engine: EngineVersion;
  /** Where the daemon runs, seen from the tutor (read once, on first ask). */
  place(): Promise<DaemonPlace>;

  /** Copies a folder of the tutor's machine to the same path on the daemon's host (a playground node's), with a container of `image`. */
  copyFolderToDaemonHost(dir: string, image: string): Promise<void>;

  /** Only a swarm manager can list services. */
  listServices(): Promise<ServiceSummary[]>;

  /**
   * The daemon's event stream until the signal aborts; errors end the iteration with a throw. With
   * `until`, the events the daemon still keeps from `since` to `until`, and then the end.
   */
  events(options: { signal: AbortSignal; since?: Date; until?: Date }): AsyncIterable<DockerEvent>;

  /** The execs this client started for the tutor's own checks: their events are never the learner's. */
  readonly tutorExecs: TutorExecs;

  /**
   * Asks the image's registry, through the daemon, whether it can be pulled now: undefined when it
   * can, else the daemon's words for why not (no network, no such image, a rate limit). Rejects
   * when the daemon cannot ask without pulling (Podman).
   */
  whyNotPullable(ref: string): Promise<string | undefined>;

  /** What the multi-node playground (`docker-tutor env`, src/env/) is made of on this daemon, found by label. */
  playground(): HostResources;

  /** Images saved to and loaded from one archive (`prepare --save` / `--load`). */
  imageArchive(): ImageArchive;

  /**
   * Runs a docker command line through the built-in interpreter, as the docker CLI would; resolves to
   * its exit code. When `signal` aborts, every request it has open is cut (the daemon then stops a
   * pull or a build) and it resolves to 130, as a CLI stopped by Ctrl-C exits.
   */
  runCommand(
    line: string,
    io: CommandIO & {
      env: Readonly<Record<string, string | undefined>>;
      signal?: AbortSignal;
      /** Unquoted `$VAR`s stay one word each (TokenizeEnv.wholeExpansions): for a solution's own values. */
      wholeExpansions?: boolean;
      /** The docker CLI's settings, apart from the variables (TokenizeEnv.cliSettings). */
      cliSettings?: Readonly<Record<string, string | undefined>>;
    },
  ): Promise<number>;
}

const INTERRUPTED = 130;

/** The stream, except that what a command says about its own interruption (`aborted`) is not shown. */
function quietOnceAborted(stream: NodeJS.WritableStream, signal: AbortSignal): NodeJS.WritableStream {
  return new Proxy(stream, {
    get(target, property) {
      if (property === "write") return (...args: Parameters<typeof target.write>) => (signal.aborted ? true : target.write(...args));
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** The tutor's own machine, which the daemon's is compared with. */
export type TutorMachine = PlaceEvidence["tutor"];

/**
 * Podman reads its event history from a log file and stops reading when `until` comes, even when
 * that moment has passed before it reached the end (libpod/events/logfile.go, Read): a look back
 * to now gets few events or none. It is asked for a moment more, which is then left out here.
 */
const PODMAN_UNTIL_MARGIN_MS = 1000;

export function createDockerodeClient(
  docker: Dockerode,
  endpoint: Endpoint,
  engine: EngineVersion,
  tutor?: TutorMachine,
  daemon: { readonly podman: boolean } = { podman: false },
): DockerClient {
  let place: Promise<DaemonPlace> | undefined;
  const machine = tutor ?? { hostname: "", platform: process.platform, homeDir: "" };
  const tutorExecs = new TutorExecs();
  const reader = createReader(docker, tutorExecs, daemon);
  // Where the daemon runs is in every answer of /info alike: the place comes from the last one asked
  // (an info read already under way, as a check's first look is), not from a read of its own.
  let lastInfo: Promise<DaemonInfo> | undefined;
  const info = () => {
    const asked = reader.info();
    lastInfo = asked;
    asked.catch(() => {
      if (lastInfo === asked) lastInfo = undefined;
    });
    return asked;
  };
  return {
    ...reader,
    info,
    tutorExecs,
    ...createRemover(docker, daemon),
    endpoint,
    engine,
    place: () => {
      const answered = lastInfo ?? info();
      place ??= answered.then((daemon) => placeOf({ host: endpoint.host, daemon, tutor: machine }));
      // A daemon that did not answer is asked again next time.
      place.catch(() => {
        place = undefined;
      });
      return place;
    },
    copyFolderToDaemonHost: (dir, image) => copyFolderToDaemonHost(docker, dir, image),
    listServices: async () => (await docker.listServices()).map(toServiceSummary),
    events: ({ signal, since, until }) => {
      const asked = until && daemon.podman ? new Date(until.getTime() + PODMAN_UNTIL_MARGIN_MS) : until;
      const events = readEvents(
        () =>
          docker.getEvents({
            ...(since ? { since: toEventSeconds(since) } : {}),
            ...(asked ? { until: toEventSeconds(asked) } : {}),
          }),
        signal,
      );
      return completedEvents(events, eventLookups(docker), until, tutorExecs);
    },

    whyNotPullable: (ref) =>
      docker
        .getImage(ref)
        .distribution({})
        .then(
          () => undefined,
          (error: unknown) => {
            // Podman has no /distribution: that it cannot ask is no answer about the image.
            const missing = missingEndpointOf(error);
            if (missing !== undefined) throw new Error(missingEndpointWords(missing), { cause: error });
            return registryRefusalWords(error);
          },
        ),

    playground: () => createHostResources(docker),
    imageArchive: () => createImageArchive(docker),

    runCommand: async (line, io) => {
      // Loaded on first use: the interpreter's command tables are only needed by solve, explain and the prompt.
      const [{ runLine }, { dockerodeTransport }] = await Promise.all([
        import("./interpreter/interpret.js"),
        import("./interpreter/dockerode-transport.js"),
      ]);
      const { signal } = io;
      const words = {
        vars: io.env,
        cwd: io.cwd,
        wholeExpansions: io.wholeExpansions === true,
        ...(io.cliSettings ? { cliSettings: io.cliSettings } : {}),
      };
      if (!signal) return runLine(line, words, dockerodeTransport(docker), io);
      if (signal.aborted) return INTERRUPTED;
      try {
        const stderr = quietOnceAborted(io.stderr, signal);
        // Every request the command dials is tied to the signal: aborting cuts them all.
        return await runLine(line, words, dockerodeTransport(docker, signal), { ...io, stderr });
      } catch (error) {
        if (signal.aborted) return INTERRUPTED;
        throw error;
      }
    },
  };
}
