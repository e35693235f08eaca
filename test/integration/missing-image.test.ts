import { describe, expect, it } from "vitest";
import { missingImageTip } from "../../src/cli/missing-image.js";
import { connectToDocker } from "../../src/docker/connect.js";
import { realHostWorld } from "../../src/docker/host-world.js";
import { freePort } from "../../src/testing/isolation.js";
import { mustShell, shell } from "../helpers/docker-cli.js";
import { requireDaemon, uniqueName } from "../helpers/engine-api.js";

/**
 * After a failed command at the lesson prompt, below Docker's own error: one sentence that does not
 * contradict it. Here the daemon's registry mirror answers for Docker Hub, and any other registry
 * (ghcr.io) cannot be reached at all: the offline case.
 */
const lessonOne = { number: 1, requires: { images: ["hello-world", "alpine"], ports: [], swarm: false, playground: "play" } };
const env = { vars: {}, cwd: process.cwd() };

async function client() {
  await requireDaemon();
  await mustShell("docker pull -q hello-world >/dev/null");
  return (await connectToDocker({}, realHostWorld({ PATH: process.env.PATH, HOME: process.env.HOME }))).client;
}

describe("the sentence after a command whose image is not here", () => {
  it("a typo of a lesson's image: Docker says not found, the tutor asks whether hello-world was meant", async () => {
    const docker = await client();
    const typed = await shell("docker container run helo-world");
    expect(typed.output).toMatch(/not found|pull access denied/);
    for (const line of ["docker container run helo-world", "docker run --rm helo-world", "docker pull helo-world"]) {
      expect(await missingImageTip(line, docker, env, lessonOne), line).toBe("There is no image `helo-world`: did you mean `hello-world`?");
    }
  });

  it("offline (the registry cannot be reached): a close name is missing here, and an image the lesson needs gets prepare", async () => {
    const docker = await client();
    const typed = await shell("docker pull ghcr.io/docker-tutor/helo-world");
    expect(typed.output).toMatch(/no such host|dial tcp/);
    const ghcrLesson = { ...lessonOne, number: 3, requires: { ...lessonOne.requires, images: ["ghcr.io/docker-tutor/hello-world"] } };
    expect(await missingImageTip("docker pull ghcr.io/docker-tutor/helo-world", docker, env, ghcrLesson)).toBe(
      "There is no image `ghcr.io/docker-tutor/helo-world` on this machine: did you mean `ghcr.io/docker-tutor/hello-world`?",
    );
    expect(await missingImageTip("docker run ghcr.io/docker-tutor/hello-world", docker, env, ghcrLesson)).toBe(
      "The daemon cannot reach a registry, and this lesson needs `ghcr.io/docker-tutor/hello-world`: while online, run `docker-tutor prepare 3`, and the lesson then runs offline.",
    );
    // not the lesson's, and like none of its images: no prepare advice
    const elsewhere = `ghcr.io/${uniqueName("someone")}/tool`;
    expect(await missingImageTip(`docker run ${elsewhere}`, docker, env, lessonOne)).toBe(
      `\`${elsewhere}\` is not on this machine and the daemon cannot reach a registry to pull it; this lesson uses \`hello-world\` and \`alpine\`.`,
    );
    // a registry nobody answers at counts as unreachable too
    const closed = `127.0.0.1:${await freePort()}/${uniqueName("img")}`;
    expect(await missingImageTip(`docker pull ${closed}`, docker, env, lessonOne)).toMatch(
      /is not on this machine and the daemon cannot reach a registry/,
    );
  });

  it("a name the registry does not have, like nothing known: check the name, never prepare", async () => {
    const docker = await client();
    const missing = uniqueName("no-such-image");
    for (const [line, shown] of [
      [`docker run ${missing}`, missing],
      [`docker container create --name x ${missing}:2`, `${missing}:2`],
      [`docker image pull ${missing}`, missing],
    ] as const) {
      expect(await missingImageTip(line, docker, env, lessonOne), line).toBe(
        `The registry has no image \`${shown}\` (or it is private): check its name; this lesson uses \`hello-world\` and \`alpine\`.`,
      );
    }
  });

  it("says nothing after other failures", async () => {
    const docker = await client();
    for (const line of ["docker run hello-world false", "docker ps", "docker run --bogus alpine", "ls"]) {
      expect(await missingImageTip(line, docker, env, lessonOne), line).toBeUndefined();
    }
  });
});
