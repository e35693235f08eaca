import { describe, expect, it } from "vitest";
import {
  familiarImageName,
  ImageRef,
  isImageRef,
  localImageAlias,
  normalizeImageRef,
  sameImageRef,
  withoutDigest,
} from "../../../src/docker/image-ref.js";
import { pullQuery } from "../../../src/docker/interpreter/commands/container/create-plan.js";

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

const full = (text: string): string => {
  const ref = ImageRef.parse(text);
  return isImageRef(ref) ? ref.toString() : ref.problem;
};
const familiar = (text: string): string => {
  const ref = ImageRef.parse(text);
  return isImageRef(ref) ? ref.familiarString : ref.problem;
};

const digest = `sha256:${"b".repeat(64)}`;
const parts = (text: string) => {
  const ref = ImageRef.parse(text);
  return isImageRef(ref) ? [ref.domain, ref.path, ref.tag, ref.digest] : ref.problem;
};

describe("ImageRef: parsed once into its parts", () => {
  it.each<[string, unknown]>([
    ["alpine", ["docker.io", "library/alpine", undefined, undefined]],
    ["me/web:1", ["docker.io", "me/web", "1", undefined]],
    [`127.0.0.1:5000/lab/web:1@${digest}`, ["127.0.0.1:5000", "lab/web", "1", digest]],
    [`nginx@${digest}`, ["docker.io", "library/nginx", undefined, digest]],
  ])("%s", (text, expected) => expect(parts(text)).toEqual(expected));

  it("withDefaultTag adds latest only when neither tag nor digest is given", () =>
    expect([ImageRef.read("a").withDefaultTag().familiarString, ImageRef.read(`a@${digest}`).withDefaultTag().familiarString]).toEqual([
      "a:latest",
      `a@${digest}`,
    ]));
});

describe("image references, as distribution/reference normalises them", () => {
  it.each<[string, string, string]>([
    ["alpine", "docker.io/library/alpine", "alpine"],
    ["alpine:3.19", "docker.io/library/alpine:3.19", "alpine:3.19"],
    ["library/alpine", "docker.io/library/alpine", "alpine"],
    ["docker.io/library/alpine:latest", "docker.io/library/alpine:latest", "alpine:latest"],
    ["index.docker.io/me/web", "docker.io/me/web", "me/web"],
    ["me/web:v1", "docker.io/me/web:v1", "me/web:v1"],
    ["127.0.0.1:5000/lab/web:1", "127.0.0.1:5000/lab/web:1", "127.0.0.1:5000/lab/web:1"],
    ["localhost/web", "localhost/web", "localhost/web"],
    ["localhost:5000/web", "localhost:5000/web", "localhost:5000/web"],
    ["ghcr.io/me/tool:1.0", "ghcr.io/me/tool:1.0", "ghcr.io/me/tool:1.0"],
    ["a/b/c", "docker.io/a/b/c", "a/b/c"],
    ["web_app.v2-x", "docker.io/library/web_app.v2-x", "web_app.v2-x"],
    ["alpine:Latest", "docker.io/library/alpine:Latest", "alpine:Latest"],
  ])("%s → %s (printed as %s)", (text, expectedFull, expectedFamiliar) => {
    expect(full(text)).toBe(expectedFull);
    expect(familiar(text)).toBe(expectedFamiliar);
  });

  it.each<[string, string]>([
    ["Alpine", "invalid reference format: repository name (library/Alpine) must be lowercase"],
    ["Bad/Name", "invalid reference format: repository name (Name) must be lowercase"],
    ["alpine:", "invalid reference format"],
    ["-alpine", "invalid reference format"],
    ["a b", "invalid reference format"],
    ["alpine::1", "invalid reference format"],
    ["a".repeat(64), `invalid repository name (${"a".repeat(64)}), cannot specify 64-byte hexadecimal strings`],
  ])("%s is refused: %s", (text, problem) => expect(full(text)).toBe(problem));
});

describe("image references as the CLI words and sends them", () => {
  it.each<[string, string, { fromImage: string; tag: string }, string]>([
    ["alpine", "alpine:latest", { fromImage: "alpine", tag: "latest" }, "docker.io/library/alpine"],
    ["nginx:alpine", "nginx:alpine", { fromImage: "nginx", tag: "alpine" }, "docker.io/library/nginx"],
    ["docker.io/library/alpine:3.20", "alpine:3.20", { fromImage: "alpine", tag: "3.20" }, "docker.io/library/alpine"],
    ["ada/app", "ada/app:latest", { fromImage: "ada/app", tag: "latest" }, "docker.io/ada/app"],
    ["127.0.0.1:5000/lab/app:1", "127.0.0.1:5000/lab/app:1", { fromImage: "127.0.0.1:5000/lab/app", tag: "1" }, "127.0.0.1:5000/lab/app"],
    ["localhost/app", "localhost/app:latest", { fromImage: "localhost/app", tag: "latest" }, "localhost/app"],
    ["alpine@sha256:abc", "alpine@sha256:abc", { fromImage: "alpine", tag: "sha256:abc" }, "docker.io/library/alpine"],
  ])("%s", (ref, familiar, query, qualified) => {
    // read, not parse: the table's short digest is not one the CLI would accept.
    const parsed = ImageRef.read(ref);
    expect(parsed.withDefaultTag().familiarString).toBe(familiar);
    expect(pullQuery(parsed)).toEqual(query);
    expect(parsed.name).toBe(qualified);
  });
});

describe("familiarImageName: an image name as the daemon reported it, as docker prints it", () => {
  it.each([
    // Podman
    ["docker.io/library/alpine:latest", "alpine:latest"],
    ["docker.io/library/nginx:alpine", "nginx:alpine"],
    ["docker.io/student/linux_tweet_app:1.0", "student/linux_tweet_app:1.0"],
    ["localhost/ourgreeter:latest", "ourgreeter:latest"],
    ["localhost/student/app:2.0", "student/app:2.0"],
    // a registry on this machine is a registry, with or without Podman
    ["localhost:5000/hello:v0.2", "localhost:5000/hello:v0.2"],
    ["127.0.0.1:5000/hello:v0.2", "127.0.0.1:5000/hello:v0.2"],
    // Docker's own answers pass unchanged
    ["alpine:latest", "alpine:latest"],
    ["alpine", "alpine"],
    ["me/app:v1", "me/app:v1"],
    [
      "sha256:3b9fd7f79e25ba5b3b16c488637e7939b9ee96b6f5589bccb1dd3d6493473f24",
      "sha256:3b9fd7f79e25ba5b3b16c488637e7939b9ee96b6f5589bccb1dd3d6493473f24",
    ],
    ["nginx@sha256:0123", "nginx@sha256:0123"],
    // a container whose image is not said
    ["", ""],
  ])("%s → %s", (reported, expected) => expect(familiarImageName(reported)).toBe(expected));
});

describe("localImageAlias: where Podman keeps an image it made itself", () => {
  it.each([
    ["ourgreeter", "localhost/ourgreeter"],
    ["hello:v0.1", "localhost/hello:v0.1"],
    ["student/app:1.0", "localhost/student/app:1.0"],
    ["docker.io/library/alpine", undefined],
    ["localhost:5000/hello:v0.2", undefined],
    ["3b9fd7f79e25", undefined],
  ])("%s → %s", (ref, expected) => expect(localImageAlias(ref)).toBe(expected));
});
