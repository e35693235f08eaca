import { describe, expect, it } from "vitest";
import { checkSuite, ensureSwarm } from "./daemon-fixtures.js";

let swarm: Awaited<ReturnType<typeof ensureSwarm>> | undefined;
const { check, client } = checkSuite({ afterwards: async () => swarm?.leave() });

describe("swarm check", () => {
  it("fails while this daemon is in no swarm (when it is not), then passes as a single-node manager", async () => {
    const wasActive = (await client().info()).swarm.state === "active";
    if (!wasActive) {
      expect(await check({ kind: "swarm" })).toEqual({
        kind: "swarm",
        pass: false,
        expected: "this daemon is in an active swarm",
        actual: "this daemon is not in a swarm (run `docker swarm init`)",
      });
      expect(await check({ kind: "swarm", active: false })).toMatchObject({ pass: true, actual: "this daemon's swarm state is inactive" });
    }
    swarm = await ensureSwarm();
    expect(swarm.createdByTest).toBe(!wasActive);
    const info = await client().info();
    const spec = { kind: "swarm", role: "manager", managers: info.swarm.managers, nodes: info.swarm.nodes };
    expect(await check(spec)).toMatchObject({
      pass: true,
      expected: expect.stringMatching(/^this daemon is in an active swarm as a manager with \d+ managers? with \d+ nodes?$/),
    });
    expect((await check({ kind: "swarm", role: "worker" })).actual).toBe("this daemon is in a swarm as a manager, not a worker");
    expect((await check({ kind: "swarm", managers: info.swarm.managers + 2 })).actual).toBe(
      `the swarm has ${info.swarm.managers} manager${info.swarm.managers === 1 ? "" : "s"}, not ${info.swarm.managers + 2}`,
    );
    expect((await check({ kind: "swarm", active: false })).actual).toBe("this daemon is in an active swarm");
  });
});
