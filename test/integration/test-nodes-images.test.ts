import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { engineRequest, requireDaemon } from "../helpers/engine-api.js";
import { runCli } from "../helpers/run-cli.js";

/**
 * `docker-tutor test` of a lesson on playground nodes, on a daemon without the lesson's image: the
 * nodes cannot pull it (its registry is the host's loopback, as the sandbox's mirror is), so test
 * pulls it on the host before the playground starts, the playground copies it in, and cleanup
 * removes what the run pulled. Official CI failed lesson 5 on a fresh Engine 20 this way.
 */
const PACK = fileURLToPath(new URL("../fixtures/nodes-pack", import.meta.url));
const IMAGE = "127.0.0.1:45000/library/busybox:latest";

const imageHere = async (ref: string) => (await engineRequest("GET", `/images/${encodeURIComponent(ref)}/json`)).status === 200;

beforeAll(async () => {
  await requireDaemon();
});

describe("test of a lesson on nodes whose image the daemon lacks", () => {
  it("pulls the image for the nodes, passes on them, and removes the image afterwards", async () => {
    // Only this file uses the mirror's own name for busybox; if it is here, the run cannot show the pull.
    expect(await imageHere(IMAGE), `${IMAGE} is already on the daemon: remove it (docker image rm ${IMAGE}) and run again`).toBe(false);

    const tested = await runCli(["--lessons-dir", PACK, "test", "92"], { env: { NO_COLOR: "1" } });
    expect(tested.code, tested.stdout + tested.stderr).toBe(0);
    expect(tested.stdout).toMatch(
      new RegExp(`ok +92 images-for-nodes › playground .*\\(1 node, \\w+; pulled ${IMAGE.replaceAll(".", "\\.")} for the nodes\\)`),
    );
    expect(tested.stdout).toMatch(/ok +92 images-for-nodes › run-on-node +after/);
    expect(tested.stdout).toMatch(/ok +92 images-for-nodes › cleanup +cleanup .*\(1 removed\)/);
    expect(tested.stdout).toContain("3 passed, 0 failed");

    expect(await imageHere(IMAGE)).toBe(false);
  }, 240_000);
});
