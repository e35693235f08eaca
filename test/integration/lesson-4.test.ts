import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { mustShell, shell } from "../helpers/docker-cli.js";
import { pullImage, requireDaemon } from "../helpers/engine-api.js";
import { walkLesson } from "../helpers/lesson-harness.js";
import { failingChecksAfter, find, lessonVars } from "../helpers/lesson-walk.js";

/**
 * Lesson 4 (networks) against the real daemon: a walk of every step with unique names and a
 * free host port, and known-wrong attempts whose failures must name what differs. Each test
 * removes only the containers and networks it named itself.
 */

/** What this file made, removed at the end of each test: containers first, then networks. */
const made = { containers: [] as string[], networks: [] as string[] };

afterEach(async () => {
  if (made.containers.length > 0) await shell(`docker rm -f ${made.containers.join(" ")}`);
  for (const network of made.networks) await shell(`docker network rm ${network}`);
  made.containers = [];
  made.networks = [];
});

beforeAll(async () => {
  await requireDaemon();
  // Present before any lesson starts, so no walk counts them as the lesson's (and removes them).
  await pullImage("alpine");
  await pullImage("nginx");
});

describe("lesson 4 (networks)", () => {
  it("walks every step with unique names and a free port, and leaves nothing behind", async () => {
    const vars = await lessonVars(4);
    made.containers.push(
      vars.sleeper ?? "",
      vars.pinger ?? "",
      vars.web ?? "",
      vars.app ?? "",
      vars.db ?? "",
      vars.front ?? "",
      vars.back ?? "",
    );
    made.networks.push(vars.net ?? "", vars.hub ?? "");
    const { steps, leftBehind } = await walkLesson(4, vars);
    expect(steps.map((s) => s.id)).toEqual([
      "list-networks",
      "inspect-bridge",
      "run-on-bridge",
      "reach-by-address",
      "names-on-default-bridge",
      "publish-port",
      "create-network",
      "names-on-user-network",
      "predict-connect",
      "connect-second-network",
      "predict-disconnect",
      "disconnect",
      "quiz-what-is-a-bridge",
      "quiz-control-and-data-plane",
      "challenge-private-pair",
    ]);
    expect(leftBehind).toEqual([]);
  }, 240_000);

  it("publishing to container port 8080 instead of 80 fails, naming both ports", async () => {
    const vars = await lessonVars(4);
    const { web, port } = vars as { web: string; port: string };
    const failed = await failingChecksAfter(4, "publish-port", vars, async () => {
      made.containers.push(web);
      await mustShell(`docker run --name ${web} -d -p ${port}:8080 nginx`);
    });
    const container = find(failed, "container");
    expect(container.expected).toContain(`publishes 80/tcp on host port ${port}`);
    expect(container.actual).toContain("does not publish 80/tcp");
    expect(container.actual).toContain(`8080/tcp on host port ${port}`);
    // Something holds the host port, but nothing answers behind it.
    expect(find(failed, "http").actual).toMatch(new RegExp(`localhost:${port}`));
  }, 60_000);

  it("app and db on the default bridge instead of the user-defined network fail: not attached, and the name does not resolve", async () => {
    const vars = await lessonVars(4);
    const { net, app, db } = vars as { net: string; app: string; db: string };
    const failed = await failingChecksAfter(4, "names-on-user-network", vars, async () => {
      made.networks.push(net);
      made.containers.push(app, db);
      await mustShell(`docker network create --driver bridge ${net}`);
      await mustShell(`docker run -dt --name ${app} alpine sleep infinity`);
      await mustShell(`docker run -dt --name ${db} alpine sleep infinity`);
      // the learner's own ping by name, which the default bridge cannot answer (bad address)
      expect((await shell(`docker exec ${db} ping -c 1 ${app}`)).code).not.toBe(0);
    });
    const network = find(failed, "network");
    expect(network.expected).toContain(`has container \`${app}\` attached`);
    expect(network.actual).toContain(`container \`${app}\` is not attached to network \`${net}\``);
    const ping = find(failed, "action");
    expect(ping.expected).toContain(`you run \`ping\` naming \`${app}\` in container \`${db}\``);
    expect(ping.actual).toContain(`\`ping -c 1 ${app}\`, exited with code 1, not 0`);
  }, 60_000);

  it("disconnecting from the wrong network fails the disconnect step, naming the container, both networks", async () => {
    const vars = await lessonVars(4);
    const { net, pinger, app, db } = vars as { net: string; pinger: string; app: string; db: string };
    // Where the step begins: pinger on the default bridge and plugged into net as well. Made before
    // the lesson starts, since the in-between states (pinger not yet connected) are the step's goal.
    made.networks.push(net);
    made.containers.push(pinger, app, db);
    await mustShell(`docker network create --driver bridge ${net}`);
    await mustShell(`docker run -dt --name ${app} --network ${net} alpine sleep infinity`);
    await mustShell(`docker run -dt --name ${db} --network ${net} alpine sleep infinity`);
    await mustShell(`docker run -dt --name ${pinger} alpine sleep infinity`);
    await mustShell(`docker network connect ${net} ${pinger}`);
    const failed = await failingChecksAfter(4, "disconnect", vars, async () => {
      await mustShell(`docker network disconnect bridge ${pinger}`);
    });
    const network = find(failed, "network");
    expect(network.expected).toContain(`does not have container \`${pinger}\` attached`);
    expect(network.actual).toBe(`container \`${pinger}\` is still attached to network \`${net}\``);
    const container = find(failed, "container");
    expect(container.expected).toContain("is attached to network `bridge`");
    expect(container.actual).toBe(`container \`${pinger}\` is not attached to network \`bridge\` (it is on \`${net}\`)`);
  }, 60_000);
});
