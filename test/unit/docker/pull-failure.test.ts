import { describe, expect, it } from "vitest";
import { pullFailureKind, pullFailureReason } from "../../../src/docker/pull-failure.js";

describe("why a pull failed, from the daemon's words", () => {
  it.each([
    ["toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating", "rate-limit"],
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
    expect(pullFailureReason("toomanyrequests: slow down")).toMatch(/^the registry's pull rate limit is reached; .*`docker login`/);
    const long = pullFailureReason(`dial tcp: ${"x".repeat(400)}`);
    expect(long).toMatch(/^the daemon could not reach the registry: .*…\)$/);
    expect(long.length).toBeLessThan(260);
    expect(pullFailureReason("no space left on device")).toBe("the daemon said: no space left on device");
  });
});
