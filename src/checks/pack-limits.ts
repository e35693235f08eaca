/**
 * What a lesson pack's checks may touch (issue 17, "Checks only touch what the lesson made"): they
 * run commands (exec, ping, nslookup) only in containers the lesson run saw appear, never in one the
 * learner had before, and ask pages only of the loopback, on a port the lesson's own containers or
 * services publish. The built-in lessons have no limits (their scope carries none).
 */
import type { DockerReader } from "../docker/reader.js";
import type { HttpAnswer, LessonScope } from "./check.js";
import { code } from "./wording.js";

export interface PackLimits {
  /** Whether the lesson run saw this container appear: it was not on the daemon when the lesson began. */
  readonly containerMade: (container: { readonly id: string; readonly labels: Readonly<Record<string, string>> }) => boolean;
  /** Whether the lesson run saw this service appear. */
  readonly serviceMade: (service: { readonly id: string }) => boolean;
}

/** Why a pack's check may not run a command in `container`, as a phrase after its name; undefined when it may. */
export function commandRefusal(
  scope: LessonScope,
  container: { readonly id: string; readonly labels: Readonly<Record<string, string>> },
): string | undefined {
  if (!scope.packLimits || scope.packLimits.containerMade(container)) return undefined;
  return "was not made during this lesson, and a lesson pack's checks run commands only in containers the lesson made";
}

/** A reader whose `exec` refuses, by throwing that sentence, a container a pack's check may not run a command in. */
export function limitCommands(reader: DockerReader, scope: LessonScope): DockerReader {
  if (!scope.packLimits) return reader;
  return {
    ...reader,
    exec: async (idOrName, command) => {
      const container = await reader.inspectContainer(idOrName);
      if (!container) throw new Error(`there is no container ${code(idOrName)}`);
      const refusal = commandRefusal(scope, container);
      if (refusal) throw new Error(`container ${code(container.name)} ${refusal}`);
      return reader.exec(idOrName, command);
    },
  };
}

type HttpGet = (url: string) => Promise<HttpAnswer>;

/** The code of the error a refused GET rejects with; describeHttpFailure says its sentence as it is. */
export const OUTSIDE_THE_LESSON = "EOUTSIDELESSON";

/**
 * A pack's GETs: only a loopback host (localhost, 127.0.0.0/8, ::1), on a port a container or
 * service of the lesson publishes now. Cloud metadata at 169.254.169.254, the learner's own
 * services on the loopback and every other address are refused before anything is sent.
 */
export function limitHttp(get: HttpGet, scope: LessonScope, docker: DockerReader): HttpGet {
  const limits = scope.packLimits;
  if (!limits) return get;
  return async (url) => {
    const target = loopbackPort(url);
    const refuse = (why: string) =>
      Promise.reject(
        Object.assign(
          new Error(`a lesson pack's checks may ask only the loopback, on a port the lesson's own containers publish, and ${why}`),
          { code: OUTSIDE_THE_LESSON },
        ),
      );
    if (target === undefined) return refuse(`${url} is not on the loopback`);
    const ports = await lessonPorts(docker, limits);
    if (!ports.has(target)) return refuse(`no container or service of this lesson publishes port ${target}`);
    return get(url);
  };
}

/** The port of a loopback URL (the scheme's default when none is written), or undefined for any other URL. */
export function loopbackPort(url: string): number | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return undefined;
  const host = parsed.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const loopback = host === "localhost" || host === "::1" || /^127(?:\.\d{1,3}){3}$/.test(host);
  if (!loopback) return undefined;
  return parsed.port === "" ? (parsed.protocol === "https:" ? 443 : 80) : Number(parsed.port);
}

/** The host ports the lesson's running containers and its services publish. */
async function lessonPorts(docker: DockerReader, limits: PackLimits): Promise<Set<number>> {
  // A daemon without swarm endpoints (Podman) has no services to publish anything.
  const [containers, services] = await Promise.all([docker.listContainers(), docker.listServicesDetailed().catch(() => [])]);
  const ports = [
    ...containers.filter(limits.containerMade).flatMap((c) => c.ports.map((p) => p.hostPort ?? 0)),
    ...services.filter(limits.serviceMade).flatMap((s) => s.ports.map((p) => p.published)),
  ];
  return new Set(ports.filter((port) => port > 0));
}
