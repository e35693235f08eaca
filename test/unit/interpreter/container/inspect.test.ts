import { describe, expect, it } from "vitest";
import { fakeTransport, runAgainst } from "../../../helpers/fake-transport.js";

/** The daemon's own bytes, as inspect prints them: key order and escapes kept. */
const WEB = '{"Id":"c1ae","Name":"/web","State":{"Status":"running","Running":true},"Config":{"Labels":{"tier":"\\u003cweb\\u003e"}}}\n';

describe("inspect against a fake daemon", () => {
  it("docker inspect tries each kind of object in turn and says 'No such object' only when none has the name", async () => {
    const engine = fakeTransport({
      "GET /containers/nope/json": { status: 404, message: "No such container: nope" },
      "GET /images/nope/json": { status: 404, message: "No such image: nope:latest" },
      "GET /networks/nope": { status: 404, message: "network nope not found" },
      "GET /volumes/nope": { status: 404, message: "get nope: no such volume" },
    });
    expect(await runAgainst(engine, "docker inspect nope")).toEqual({ code: 1, stdout: "[]\n", stderr: "Error: No such object: nope\n" });
    expect(engine.sent).toEqual(["GET /containers/nope/json", "GET /images/nope/json", "GET /networks/nope", "GET /volumes/nope"]);
  });

  it("docker container inspect prints what it found, then the daemon's words for what it did not", async () => {
    const engine = fakeTransport({
      "GET /containers/web/json": { body: WEB },
      "GET /containers/nope/json": { status: 404, message: "No such container: nope" },
    });
    const { code, stdout, stderr } = await runAgainst(engine, "docker container inspect web nope");
    expect({ code, stderr }).toEqual({ code: 1, stderr: "Error response from daemon: No such container: nope\n" });
    await expect(stdout).toMatchFileSnapshot("testdata/container-inspect.golden");
  });

  it("--format fills the template per object, as Go prints the values", async () => {
    const engine = fakeTransport({ "GET /containers/web/json": { body: WEB } });
    expect(
      await runAgainst(engine, "docker container inspect -f '{{.State.Status}} {{.Config.Labels}} {{json .Config.Labels}}' web"),
    ).toEqual({
      code: 0,
      stdout: 'running map[tier:<web>] {"tier":"<web>"}\n',
      stderr: "",
    });
  });

  it("a failure that is not the daemon's answer is not the command's to word: it reaches the tutor's handler", async () => {
    const engine = fakeTransport({ "GET /containers/web/json": { unreachable: "connect ECONNREFUSED /var/run/docker.sock" } });
    await expect(runAgainst(engine, "docker container inspect web")).rejects.toThrow("ECONNREFUSED");
  });
});
