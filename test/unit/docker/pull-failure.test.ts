import { describe, expect, it } from "vitest";
import { pullFailureKind, pullFailureReason, waysPastPullLimit } from "../../../src/docker/pull-failure.js";

describe("why a pull failed, from the daemon's words", () => {
  it.each([
    ["toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating", "rate-limit"],
    // the containerd image store passes on the status line, not Docker Hub's code
    [
      "failed to resolve reference: unexpected status from HEAD request to https://registry-1.docker.io/v2/library/alpine/manifests/latest: 429 Too Many Requests",
      "rate-limit",
    ],
    ['Get "https://registry-1.docker.io/v2/": dial tcp 10.4.29.1:443: i/o timeout', "no-network"],
    ['Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 10.0.0.53:53: no such host', "no-network"],
    ['Get "http://127.0.0.1:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused', "no-network"],
    ['Get "https://registry-1.docker.io/v2/": net/http: TLS handshake timeout', "no-network"],
    ["manifest unknown: manifest unknown", "no-such-image"],
    ["pull access denied for nope, repository does not exist or may require 'docker login'", "no-such-image"],
    ["manifest for alpine:nope not found: manifest unknown", "no-such-image"],
    ["write /var/lib/docker/tmp/x: no space left on device", "other"],
  ] as const)("%s → %s", (message, kind) => {
    expect(pullFailureKind(message)).toBe(kind);
  });

  it("says the kind in words and ends with the daemon's own, shortened", () => {
    expect(pullFailureReason("manifest unknown: manifest unknown")).toBe(
      "the registry has no image of that name, or it is private (manifest unknown: manifest unknown)",
    );
    expect(pullFailureReason("toomanyrequests: slow down")).toBe(
      "the registry refused with HTTP 429 (too many requests): this address has used up its pull limit (toomanyrequests: slow down)",
    );
    const long = pullFailureReason(`dial tcp: ${"x".repeat(400)}`);
    expect(long).toMatch(/^the daemon could not reach the registry: .*…\)$/);
    expect(long.length).toBeLessThan(260);
    expect(pullFailureReason("no space left on device")).toBe("the daemon said: no space left on device");
  });
});

describe("the ways past a pull limit", () => {
  it("name the archive (for the lessons given) and a registry mirror in daemon.json", () => {
    expect(waysPastPullLimit()).toContain("`docker-tutor prepare --save images.tar` on a machine that has them");
    expect(waysPastPullLimit("3 4")).toContain("`docker-tutor prepare --save images.tar 3 4` on a machine that has them");
    expect(waysPastPullLimit()).toContain("`docker-tutor prepare --load images.tar` here");
    expect(waysPastPullLimit()).toContain('a registry mirror ("registry-mirrors" in daemon.json');
  });
});
