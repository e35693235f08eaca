import type { DaemonPlace } from "../docker/daemon-place.js";
import type { HttpAnswer } from "./check.js";

export type HttpGet = (url: string) => Promise<HttpAnswer>;

export interface HttpRouteDeps {
  readonly place: () => Promise<DaemonPlace>;
  /** A GET from the tutor's machine. */
  readonly local: HttpGet;
  /** A GET from the daemon's host (a probe container on its network). */
  readonly daemonSide: HttpGet;
}

const isLoopback = (url: string): boolean => {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
    return host === "localhost" || host.startsWith("127.") || host === "::1";
  } catch {
    return false;
  }
};

const codeOf = (error: unknown) => (typeof error === "object" && error !== null && "code" in error ? String(error.code) : "");

/**
 * Where a check's GET goes. On the daemon's own machine: from here. In a VM that forwards published
 * ports (Docker Desktop, Colima): from here first, and from the daemon's side when nothing answers
 * here. On another machine or a playground node: a loopback URL means the daemon's loopback, so it
 * is asked only from the daemon's side (this machine's localhost could answer with a stranger's page).
 */
export function routedHttpGet(deps: HttpRouteDeps): HttpGet {
  return async (url) => {
    const place = await deps.place();
    if (place.kind === "local" || !isLoopback(url)) return deps.local(url);
    if (place.kind !== "vm") return deps.daemonSide(url);
    try {
      return await deps.local(url);
    } catch {
      try {
        return await deps.daemonSide(url);
      } catch (sideError) {
        // Without a probe, what localhost said is the best answer there is, with why the daemon's side was not asked.
        if (codeOf(sideError) !== "ENOPROBE") throw sideError;
        const why = sideError instanceof Error ? sideError.message : String(sideError);
        throw Object.assign(new Error(`nothing answers at ${url} on this machine, and ${why}`), { code: "ENOPROBE" });
      }
    }
  };
}
