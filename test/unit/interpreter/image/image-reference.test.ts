import { describe, expect, it } from "vitest";
import {
  familiarString,
  fullString,
  isReference,
  parseImageReference,
} from "../../../../src/docker/interpreter/commands/shared/image-reference.js";

const full = (text: string): string => {
  const ref = parseImageReference(text);
  return isReference(ref) ? fullString(ref) : ref.problem;
};
const familiar = (text: string): string => {
  const ref = parseImageReference(text);
  return isReference(ref) ? familiarString(ref) : ref.problem;
};

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
