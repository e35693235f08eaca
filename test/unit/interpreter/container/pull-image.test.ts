import { describe, expect, it } from "vitest";
import type { ApiCall } from "../../../../src/docker/interpreter/api-call.js";
import { pullImage } from "../../../../src/docker/interpreter/commands/container/pull-image.js";
import type { ProgressMessage } from "../../../../src/docker/interpreter/commands/shared/json-lines.js";
import { fakeTransport } from "../../../helpers/fake-transport.js";

const PULL: ApiCall = { method: "POST", path: "/images/create", query: { fromImage: "alpine", tag: "latest" }, why: "pull" };

/** What docker run's pull prints on stderr for one progress line, or the failure it reports. */
async function render(message: ProgressMessage): Promise<{ text: string } | { failure: string }> {
  let text = "";
  const stderr = { write: (chunk: string) => (text += chunk) } as unknown as NodeJS.WritableStream;
  const engine = fakeTransport({ "POST /images/create?fromImage=alpine&tag=latest": { body: `${JSON.stringify(message)}\r\n` } });
  const pulled = await pullImage(engine, PULL, { stdout: stderr, stderr, cwd: "/" });
  return pulled.failure === undefined ? { text } : { failure: pulled.failure };
}

describe("pull progress as the CLI prints it when stderr is no terminal", () => {
  it.each<[ProgressMessage, { text: string } | { failure: string }]>([
    [{ status: "Pulling from library/alpine", id: "latest" }, { text: "latest: Pulling from library/alpine\n" }],
    [{ status: "Pulling fs layer", progressDetail: {}, id: "9824c27679d3" }, { text: "9824c27679d3: Pulling fs layer\n" }],
    [{ status: "Downloading", progressDetail: { current: 3678, total: 300290 }, id: "9824c27679d3" }, { text: "" }],
    [{ status: "Extracting", progressDetail: { current: 32768, total: 300290 }, id: "9824c27679d3" }, { text: "" }],
    [{ status: "Pull complete", progressDetail: {}, id: "9824c27679d3" }, { text: "9824c27679d3: Pull complete\n" }],
    [{ status: "Digest: sha256:0aaa" }, { text: "Digest: sha256:0aaa\n" }],
    [{ status: "Status: Downloaded newer image for alpine:latest" }, { text: "Status: Downloaded newer image for alpine:latest\n" }],
    [{ errorDetail: { message: "manifest unknown" }, error: "manifest unknown" }, { failure: "manifest unknown" }],
  ])("%j", async (message, rendered) => {
    expect(await render(message)).toEqual(rendered);
  });
});
