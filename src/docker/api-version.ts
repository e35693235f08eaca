/** The Engine API versions this tutor is written and tested against. */
export const SUPPORTED_API = { oldest: "1.41", newest: "1.52" } as const;

export function compareApiVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split(".").map(Number);
  const [bMajor = 0, bMinor = 0] = b.split(".").map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

export type Negotiation =
  | { readonly ok: true; readonly version: string }
  | { readonly ok: false; readonly problem: "daemon-too-old" | "daemon-too-new" };

/** Like the docker CLI: speak the newest version both sides know (moby client NegotiateAPIVersion). */
export function negotiateApiVersion(daemonNewest: string, daemonOldest: string): Negotiation {
  if (compareApiVersions(daemonNewest, SUPPORTED_API.oldest) < 0) return { ok: false, problem: "daemon-too-old" };
  const version = compareApiVersions(daemonNewest, SUPPORTED_API.newest) < 0 ? daemonNewest : SUPPORTED_API.newest;
  if (daemonOldest && compareApiVersions(version, daemonOldest) < 0) return { ok: false, problem: "daemon-too-new" };
  return { ok: true, version };
}
