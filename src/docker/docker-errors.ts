/**
 * docker-modem rejects with an Error carrying `statusCode` and the daemon's message (`json.message`).
 * Its message reads "(HTTP code N) REASON - …", REASON taken from the table of status codes dockerode
 * passes for that call (docker-modem lib/modem.js, buildRequest: https://github.com/apocas/docker-modem),
 * and that table is often wrong (a missing image is called "no such container"), so we only branch on
 * the status code and the message.
 */
export function statusCodeOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null || !("statusCode" in error)) return undefined;
  const code = (error as { statusCode: unknown }).statusCode;
  return typeof code === "number" ? code : undefined;
}

/** The daemon's own words, without docker-modem's "(HTTP code 404) no such container - " prefix. */
export function daemonMessageOf(error: unknown): string {
  if (typeof error === "object" && error !== null && "json" in error) {
    const json = (error as { json: unknown }).json;
    if (typeof json === "object" && json !== null && "message" in json && typeof json.message === "string") return json.message.trim();
  }
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^\(HTTP code \d+\) [^-]*- /, "").trim();
}

export const isNotFound = (error: unknown): boolean => statusCodeOf(error) === 404;

/**
 * A registry's pull limit, as the daemon passes it on outside a stream: moby answers with the
 * registry's own status for its error codes (api/server/httpstatus: TOOMANYREQUESTS is 429), and
 * its words may not say so ("…: unknown"). Keeps the status in the words, which is where
 * pull-failure.ts looks.
 */
export function registryRefusalWords(error: unknown): string {
  const words = daemonMessageOf(error);
  if (statusCodeOf(error) !== 429 || /toomanyrequests|too many requests/i.test(words)) return words;
  return `429 Too Many Requests: ${words}`;
}

/** "This node is not a swarm manager" / "not part of a swarm" are 503s (moby daemon/cluster/errors.go). */
export const isSwarmUnavailable = (error: unknown): boolean => statusCodeOf(error) === 503;

/** Resolves to `fallback` when the failure is one `when` accepts; any other failure still rejects. */
export async function orFallback<T>(read: Promise<T>, fallback: T, when: (error: unknown) => boolean): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (when(error)) return fallback;
    throw error;
  }
}

/** Resolves to undefined when the daemon answers 404 (the object does not exist). */
export const unlessMissing = <T>(read: Promise<T>): Promise<T | undefined> => orFallback<T | undefined>(read, undefined, isNotFound);

/** 409 "can not get logs from container which is dead or marked for removal": the container is on its way out. */
export const isBeingRemoved = (error: unknown): boolean =>
  statusCodeOf(error) === 409 && /dead or marked for removal/.test(daemonMessageOf(error));

/** Like unlessMissing, for reads of a container that may be going away as they run. */
export const unlessGone = <T>(read: Promise<T>): Promise<T | undefined> =>
  orFallback<T | undefined>(read, undefined, (error) => isNotFound(error) || isBeingRemoved(error));

/** Swarm reads answer 404 for a missing object and 503 when this node is no manager: both mean "nothing there". */
export const isAbsentFromSwarm = (error: unknown): boolean => isNotFound(error) || isSwarmUnavailable(error);

/** Removing what is already gone is no error; any other failure is put in words once, here. */
export function removal(what: string, remove: Promise<unknown>): Promise<void> {
  return orFallback(remove, undefined, isNotFound).then(
    () => undefined,
    (error: unknown) => {
      throw new Error(`could not remove ${what}: ${daemonMessageOf(error)}`, { cause: error });
    },
  );
}

/**
 * The path of an Engine API endpoint this daemon does not have, from its refusal, or undefined for
 * any other failure. Podman's Docker API answers 404 "Path /v1.41/distribution/alpine/json is not
 * supported", or 503 "Podman does not support service: /v1.41/swarm/init", or a bare 404 "Not Found".
 */
export function missingEndpointOf(error: unknown): string | undefined {
  const status = statusCodeOf(error);
  const message = daemonMessageOf(error);
  const path = /^Path (\S+) is not supported/.exec(message)?.[1] ?? /does not support service: (\S+)/.exec(message)?.[1];
  if (path !== undefined && (status === 404 || status === 503)) return path.replace(/^\/v[\d.]+\//, "/");
  if (status === 404 && /^(404 page )?not found$/i.test(message)) return "";
  return undefined;
}

/** One sentence for an endpoint the daemon lacks, instead of its refusal's words. */
export function missingEndpointWords(path: string): string {
  const what = path === "" ? "that part of the Engine API" : `the Engine API's \`${path}\``;
  return `this daemon does not offer ${what} (Podman's Docker-compatible API leaves some of Docker's out); it needs a Docker Engine`;
}
