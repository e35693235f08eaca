import { describe, expect, it } from "vitest";
import { parseLine } from "../../../src/docker/interpreter/commands/shared/json-lines.js";
import { loadAnswerOf } from "../../../src/docker/load-answer.js";

const lines = (...text: string[]) => text.map(parseLine);

describe("what a daemon says it loaded (POST /images/load?quiet=1)", () => {
  it("Docker: a line per name, and an id for an image without one", () => {
    const answer = loadAnswerOf(
      lines(
        '{"stream":"Loaded image: hello-world:latest\\n"}',
        '{"stream":"Loaded image: alpine:latest\\n"}',
        '{"stream":"Loaded image ID: sha256:4f2a9d1e1c1b\\n"}',
      ),
    );
    expect(answer).toEqual({ names: ["hello-world:latest", "alpine:latest"], ids: ["sha256:4f2a9d1e1c1b"] });
  });

  it("Podman: one line naming them all, comma-separated and fully qualified, spelled as docker does", () => {
    const answer = loadAnswerOf(lines('{"stream":"Loaded image: docker.io/library/alpine:latest,docker.io/library/nginx:latest"}'));
    expect(answer).toEqual({ names: ["alpine:latest", "nginx:latest"], ids: [] });
  });

  it("a name reported twice counts once; other lines are no names", () => {
    const answer = loadAnswerOf(
      lines('{"stream":"Loaded image: alpine:latest\\n"}', '{"status":"Loading layer"}', '{"stream":"Loaded image: alpine:latest\\n"}'),
    );
    expect(answer.names).toEqual(["alpine:latest"]);
  });

  it("a failure inside the stream throws with the daemon's words", () => {
    expect(() => loadAnswerOf(lines('{"errorDetail":{"message":"unexpected EOF"},"error":"unexpected EOF"}'))).toThrow("unexpected EOF");
  });
});
