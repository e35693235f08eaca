import { describe, expect, it } from "vitest";
import { loadedImages } from "../../../src/cli/loaded-images.js";
import type { ImageSummary } from "../../../src/docker/views.js";

const image = (id: string, ...tags: string[]): ImageSummary => ({ id, tags, created: new Date(0) });

describe("what a load added, read against the images before and after", () => {
  it("a name that was not here is added; the same image under its name was already here", () => {
    const before = [image("sha256:aaa", "alpine:latest")];
    const after = [image("sha256:aaa", "alpine:latest"), image("sha256:bbb", "hello-world:latest")];
    const { images } = loadedImages({ names: ["alpine:latest", "hello-world:latest"], ids: [] }, before, after);
    expect(images).toEqual([
      { name: "alpine:latest", outcome: "already-here" },
      { name: "hello-world:latest", outcome: "added" },
    ]);
  });

  it("a name that was on another image moved to the loaded one", () => {
    const { images } = loadedImages(
      { names: ["nginx:latest"], ids: [] },
      [image("sha256:old", "nginx:latest")],
      [image("sha256:new", "nginx:latest")],
    );
    expect(images).toEqual([{ name: "nginx:latest", outcome: "replaced" }]);
  });

  it("names compare as docker prints them: `docker.io/library/alpine` is `alpine:latest`", () => {
    const before = [image("sha256:aaa", "docker.io/library/alpine:latest")];
    const { images } = loadedImages({ names: ["alpine"], ids: [] }, before, before);
    expect(images).toEqual([{ name: "alpine", outcome: "already-here" }]);
  });

  it("images without a name are told by id", () => {
    const { unnamed } = loadedImages({ names: [], ids: ["sha256:aaa", "sha256:ccc"] }, [image("sha256:aaa")], []);
    expect(unnamed).toEqual([
      { id: "sha256:aaa", alreadyHere: true },
      { id: "sha256:ccc", alreadyHere: false },
    ]);
  });
});
