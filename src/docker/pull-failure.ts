/**
 * Why a pull failed, in the learner's words, from what the daemon said when it asked the registry.
 * The daemon passes on the registry's or the network's own error text; these are the kinds a
 * learner meets (moby distribution/errors.go and the registry API's error codes).
 */
export type PullFailureKind = "rate-limit" | "no-network" | "no-such-image" | "other";

const KINDS: readonly [PullFailureKind, RegExp][] = [
  // Docker Hub's code, and how the containerd image store reports the same answer ("429 Too Many Requests")
  ["rate-limit", /toomanyrequests|too many requests|rate limit/i],
  [
    "no-network",
    /no such host|dial tcp|i\/o timeout|network is unreachable|connection refused|connection reset|TLS handshake timeout|Client\.Timeout|server misbehaving/i,
  ],
  ["no-such-image", /manifest unknown|name unknown|repository does not exist|not found|denied|unauthorized/i],
];

export function pullFailureKind(daemonMessage: string): PullFailureKind {
  return KINDS.find(([, pattern]) => pattern.test(daemonMessage))?.[0] ?? "other";
}

const MAX_QUOTED = 160;

/** One clause saying why, ending with the daemon's own words (shortened). */
export function pullFailureReason(daemonMessage: string): string {
  const words = daemonMessage.trim().replace(/\s+/g, " ");
  const quoted = words.length > MAX_QUOTED ? `${words.slice(0, MAX_QUOTED - 1)}…` : words;
  switch (pullFailureKind(words)) {
    case "rate-limit":
      return `the registry refused with HTTP 429 (too many requests): this address has used up its pull limit (${quoted})`;
    case "no-network":
      return `the daemon could not reach the registry: no network, or none to that registry (${quoted})`;
    case "no-such-image":
      return `the registry has no image of that name, or it is private (${quoted})`;
    case "other":
      return `the daemon said: ${quoted}`;
  }
}

/**
 * The two ways past a registry's pull limit, for a class behind one address (Docker Hub lets an
 * anonymous address pull 10 times an hour): images carried on an archive, or a mirror that pulls
 * once for everyone. `lessons` narrows the archive to what they need (`3 4`).
 */
export function waysPastPullLimit(lessons = ""): string {
  const which = lessons === "" ? "" : ` ${lessons}`;
  return `bring the images on an archive (\`docker-tutor prepare --save images.tar${which}\` on a machine that has them, then \`docker-tutor prepare --load images.tar\` here), or give the daemon a registry mirror ("registry-mirrors" in daemon.json, then restart it)`;
}
