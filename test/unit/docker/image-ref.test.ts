import { describe, expect, it } from "vitest";
import { normalizeImageRef, sameImageRef, withoutDigest } from "../../../src/docker/image-ref.js";

describe("normalizeImageRef", () => {
  it.each([
    ["alpine", "alpine:latest"],
    ["alpine:latest", "alpine:latest"],
    ["docker.io/library/alpine:latest", "alpine:latest"],
    ["docker.io/alpine", "alpine:latest"],
    ["hello:v0.1", "hello:v0.1"],
    ["docker.io/library/hello:v0.1", "hello:v0.1"],
    ["localhost:5000/hello", "localhost:5000/hello:latest"],
    ["localhost:5000/library/hello", "localhost:5000/library/hello:latest"],
    ["me/app", "me/app:latest"],
    ["nginx@sha256:abc", "nginx@sha256:abc"],
  ])("%s → %s", (ref, expected) => expect(normalizeImageRef(ref)).toBe(expected));
});

describe("sameImageRef", () => {
  it.each([
    ["alpine", "docker.io/library/alpine:latest", true],
    ["nginx:alpine@sha256:0123", "nginx:alpine", true],
    ["busybox:latest@sha256:0123", "busybox", true],
    ["nginx", "nginx:alpine", false],
    ["localhost:5000/hello", "hello", false],
  ])("%s vs %s → %s", (a, b, same) => expect(sameImageRef(a, b)).toBe(same));

  it("withoutDigest drops only the digest", () => expect(withoutDigest("nginx:alpine@sha256:0123")).toBe("nginx:alpine"));
});
