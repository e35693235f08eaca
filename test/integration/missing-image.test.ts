import { describe, expect, it } from "vitest";
import { missingImageTip } from "../../src/cli/missing-image.js";
import { connectToDocker } from "../../src/docker/connect.js";
import { realHostWorld } from "../../src/docker/host-world.js";
import { freePort } from "../../src/testing/isolation.js";
import { mustShell } from "../helpers/docker-cli.js";
import { requireDaemon, uniqueName } from "../helpers/engine-api.js";

/** After a failed command at the lesson prompt: the tip names a missing image and `docker-tutor prepare`, and only then. */
describe("the tip after a command whose image could not be pulled", () => {
  it("names the image and prepare for run, create and pull of a missing image; says nothing otherwise", async () => {
    await requireDaemon();
    await mustShell("docker pull -q alpine >/dev/null");
    const { client } = await connectToDocker({}, realHostWorld({ PATH: process.env.PATH, HOME: process.env.HOME }));
    const env = { vars: {}, cwd: process.cwd() };
    const missing = uniqueName("no-such-image");
    for (const line of [`docker run ${missing}`, `docker container create --name x ${missing}:2`, `docker image pull ${missing}`]) {
      const tip = await missingImageTip(line, client, env);
      expect(tip, line).toMatch(new RegExp(`^The image \`${missing}(:latest|:2)?\` is not on this machine and could not be pulled`));
      // the mirror answers for the registry: it has no such repository
      expect(tip).toContain("could not be pulled: the registry has no image of that name, or it is private (");
      expect(tip).toContain("`docker-tutor prepare` pulls every image the lessons need");
    }
    // a registry nobody answers at: the reason is the network, in the daemon's words
    const closedPort = await freePort();
    const unreachable = await missingImageTip(`docker pull 127.0.0.1:${closedPort}/${missing}`, client, env);
    expect(unreachable).toMatch(
      new RegExp(
        `^The image \`127\\.0\\.0\\.1:${closedPort}/${missing}:latest\` is not on this machine and could not be pulled: the daemon could not reach the registry: .*connection refused`,
      ),
    );
    for (const line of ["docker run alpine false", "docker ps", "docker run --bogus alpine", "ls"]) {
      expect(await missingImageTip(line, client, env), line).toBeUndefined();
    }
  });
});
