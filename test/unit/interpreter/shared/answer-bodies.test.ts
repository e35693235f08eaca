import type Dockerode from "dockerode";
import { describe, expect, it } from "vitest";
import { dockerodeTransport } from "../../../../src/docker/interpreter/dockerode-transport.js";
import { fakeTransport, runAgainst } from "../../../helpers/fake-transport.js";

/** Podman answers these calls with a plain `OK`; Docker with nothing. Neither answer is read. */
describe("answers a command does not need: any success will do", () => {
  it.each([
    ["docker network connect net1 web", "POST /networks/net1/connect"],
    ["docker network disconnect net1 web", "POST /networks/net1/disconnect"],
    ["docker image tag alpine mine:v1", "POST /images/alpine/tag?repo=docker.io%2Flibrary%2Fmine&tag=v1"],
  ])("%s, answered `OK`: exit 0, nothing printed", async (line, request) => {
    const engine = fakeTransport({ [request]: { body: "OK\n" } });
    expect(await runAgainst(engine, line)).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(engine.sent).toEqual([request]);
  });

  it("an answer the command reads must still be JSON: a commit's id", async () => {
    const engine = fakeTransport({
      "POST /commit?author=&comment=&container=web&repo=docker.io%2Flibrary%2Fsnap&tag=latest": { body: { Id: "sha256:abc" } },
    });
    expect(await runAgainst(engine, "docker commit web snap")).toEqual({ code: 0, stdout: "sha256:abc\n", stderr: "" });
  });
});

describe("the dockerode transport sends a planned body, even an empty one", () => {
  /** A modem that records what it was asked to dial and answers with an empty stream. */
  function recordingDocker() {
    const dialed: Record<string, unknown>[] = [];
    const modem = {
      dial: (options: Record<string, unknown>, callback: (error: unknown, result: unknown) => void) => {
        dialed.push(options);
        callback(null, { [Symbol.asyncIterator]: async function* () {} });
      },
    };
    return { docker: { modem } as unknown as Dockerode, dialed };
  }

  it("a commit's `{}` goes out as JSON (docker-modem drops `{}` unless allowEmpty)", async () => {
    const { docker, dialed } = recordingDocker();
    await dockerodeTransport(docker).send({ method: "POST", path: "/commit", query: { container: "web" }, body: {}, why: "" });
    expect(dialed[0]).toMatchObject({ allowEmpty: true, options: { _body: {} } });
  });

  it("a call without a body sends none", async () => {
    const { docker, dialed } = recordingDocker();
    await dockerodeTransport(docker).send({ method: "POST", path: "/containers/web/start", why: "" });
    expect(dialed[0]).not.toHaveProperty("allowEmpty");
  });
});
