import { describe, expect, it } from "vitest";
import { fakeTransport, runAgainst } from "../../../helpers/fake-transport.js";

describe("stop and rm against a fake daemon", () => {
  it("stop prints each name that stopped, then the daemon's errors; exit 1", async () => {
    const engine = fakeTransport({
      "POST /containers/web/stop": {},
      "POST /containers/nope/stop": { status: 404, message: "No such container: nope" },
      "POST /containers/db/stop": {},
    });
    expect(await runAgainst(engine, "docker stop web nope db")).toEqual({
      code: 1,
      stdout: "web\ndb\n",
      stderr: "Error response from daemon: No such container: nope\n",
    });
  });

  it("rm -f: a container that is not there is reported but is no failure", async () => {
    const engine = fakeTransport({ "DELETE /containers/nope?force=1": { status: 404, message: "No such container: nope" } });
    expect(await runAgainst(engine, "docker rm -f nope")).toEqual({
      code: 0,
      stdout: "",
      stderr: "Error response from daemon: No such container: nope\n",
    });
  });

  it("rm of a running container: the daemon's refusal, exit 1", async () => {
    const message = "You cannot remove a running container c1ae. Stop the container before attempting removal or force remove";
    const engine = fakeTransport({ "DELETE /containers/web": { status: 409, message } });
    expect(await runAgainst(engine, "docker rm web")).toEqual({ code: 1, stdout: "", stderr: `Error response from daemon: ${message}\n` });
  });
});
