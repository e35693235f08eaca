import { describe, expect, it } from "vitest";
import { checkSuite, docker, ensureSwarm, eventually, freePort, TEST_LABEL } from "./daemon-fixtures.js";

let swarm: Awaited<ReturnType<typeof ensureSwarm>> | undefined;
const { made, check, client } = checkSuite({ afterwards: async () => swarm?.leave() });
const label = ["--label", TEST_LABEL];

describe("service check", () => {
  it("fails while the service is missing, and while too few replicas run, then passes", async () => {
    const name = made.name("service", "web");
    const spec = { kind: "service", name, image: "busybox", replicasRunning: 2, mode: "replicated" };
    const inSwarm = (await client().info()).swarm.state === "active";
    const before = await check(spec);
    expect(before).toMatchObject({
      pass: false,
      expected: `service \`${name}\` exists and runs \`busybox\`, is replicated and has 2 tasks running`,
    });
    expect(before.actual).toBe(
      inSwarm ? `there is no service \`${name}\`` : `this daemon is not in a swarm, so there is no service \`${name}\``,
    );
    swarm = await ensureSwarm();
    expect((await check(spec)).actual).toBe(`there is no service \`${name}\``);
    await docker(
      "service",
      "create",
      "--detach",
      "--stop-grace-period",
      "1s",
      "--name",
      name,
      ...label,
      "--replicas",
      "1",
      "busybox",
      "sleep",
      "3600",
    );
    await eventually("one task runs", async () => (await client().listTasks({ service: name })).some((t) => t.state === "running"));
    expect((await check(spec)).actual).toBe(`service \`${name}\` has 1 task running, not 2`);
    expect((await check({ kind: "service", name, image: "alpine" })).actual).toBe(
      `service \`${name}\` runs \`busybox:latest\`, not \`alpine\``,
    );
    expect((await check({ kind: "service", name, mode: "global" })).actual).toBe(`service \`${name}\` is replicated, not global`);
    await docker("service", "scale", "--detach", `${name}=2`);
    await eventually("the check passes with 2 replicas", async () => (await check(spec)).pass);
    expect((await check(spec)).actual).toBe(`service \`${name}\` runs \`busybox\`, is replicated and has 2 tasks running`);
  });

  it("checks networks and published ports", async () => {
    swarm ??= await ensureSwarm();
    const [name, network] = [made.name("service", "api"), made.name("network", "backend")];
    const port = await freePort();
    const spec = { kind: "service", name, networks: [network], ports: [{ target: 80, published: port, mode: "host" }] };
    await docker("network", "create", "--driver", "overlay", ...label, network);
    await docker("service", "create", "--detach", "--stop-grace-period", "1s", "--name", name, ...label, "busybox", "sleep", "3600");
    expect((await check(spec)).actual).toBe(`service \`${name}\` is not on network \`${network}\` (it is on none)`);
    await docker("service", "update", "--detach", "--network-add", network, name);
    expect((await check(spec)).actual).toBe(`service \`${name}\` publishes no ports`);
    await docker("service", "update", "--detach", "--publish-add", `mode=host,target=80,published=${port}`, name);
    expect(await check(spec)).toMatchObject({ pass: true });
    expect((await check({ kind: "service", name, ports: [{ target: 80, published: port, mode: "ingress" }] })).actual).toBe(
      `service \`${name}\` publishes 80 on port ${port} in host mode, not ingress`,
    );
  });

  it("proves a service is gone with exists: false", async () => {
    swarm ??= await ensureSwarm();
    const name = made.name("service", "old");
    await docker("service", "create", "--detach", "--stop-grace-period", "1s", "--name", name, ...label, "busybox", "sleep", "3600");
    const spec = { kind: "service", name, exists: false };
    expect(await check(spec)).toMatchObject({
      pass: false,
      expected: `there is no service \`${name}\``,
      actual: `service \`${name}\` still exists`,
    });
    await docker("service", "rm", name);
    expect(await check(spec)).toMatchObject({ pass: true, actual: `there is no service \`${name}\`` });
  });
});
