/**
 * The image a probe container runs on the daemon's side: it needs a shell and busybox `nc`, so
 * busybox or alpine (or an alpine-based image the lesson already needs), present on the daemon, or
 * pulled once when none is.
 */

const FALLBACKS = ["busybox:latest", "alpine:latest"];

const withTag = (ref: string) => (/:[^/]+$/.test(ref) ? ref : `${ref}:latest`);

/** Candidates in order of preference: the lesson's own busybox- or alpine-based images, then busybox and alpine. Pure. */
export function probeCandidates(required: readonly string[]): string[] {
  const fitting = required.map(withTag).filter((ref) => /(^|\/)(busybox|alpine)(:|$)|:[^/]*alpine[^/]*$/.test(ref));
  return [...new Set([...fitting, ...FALLBACKS])];
}

export interface ProbeImageDeps {
  readonly present: (ref: string) => Promise<boolean>;
  /** Pulls an image; resolves to whether it worked. */
  readonly pull: (ref: string) => Promise<boolean>;
}

/** The first candidate the daemon has, else the first it can pull; the problem in one sentence when neither. */
export async function chooseProbeImage(
  required: readonly string[],
  deps: ProbeImageDeps,
): Promise<{ image: string } | { problem: string }> {
  const candidates = probeCandidates(required);
  for (const ref of candidates) if (await deps.present(ref)) return { image: ref };
  for (const ref of FALLBACKS) if (await deps.pull(ref)) return { image: ref };
  return {
    problem: `the daemon has none of ${candidates.join(", ")} to ask from its side, and pulling busybox failed: run docker pull busybox where the daemon can reach a registry`,
  };
}
