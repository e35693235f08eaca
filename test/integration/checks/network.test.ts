import { describe, expect, it } from "vitest";
import { checkSuite, docker, TEST_LABEL } from "./daemon-fixtures.js";

const { made, check } = checkSuite();
const label = ["--label", TEST_LABEL];

describe("network check", () => {
  it("fails while the network is missing, then checks driver and attachable", async () => {
    const name = made.name("network", "net");
    const before = await check({ kind: "network", name, driver: "bridge" });
    expect(before).toMatchObject({
      pass: false,
      expected: `network \`${name}\` exists and uses the driver \`bridge\``,
      actual: `there is no network named \`${name}\``,
    });
    await docker("network", "create", ...label, name);
    expect(await check({ kind: "network", name, driver: "bridge", scope: "local" })).toMatchObject({ pass: true });
    expect((await check({ kind: "network", name, driver: "overlay" })).actual).toBe(
      `network \`${name}\` uses the driver \`bridge\`, not \`overlay\``,
    );
    expect((await check({ kind: "network", name, attachable: true })).actual).toBe(`network \`${name}\` is not attachable (--attachable)`);
    expect((await check({ kind: "network", name: name.slice(0, -2) })).actual).toBe(`there is no network named \`${name.slice(0, -2)}\``);
  });

  it("checks who is attached and that names resolve between them", async () => {
    const network = made.name("network", "app");
    const [web, db] = [made.name("container", "web"), made.name("container", "db")];
    await docker("network", "create", ...label, network);
    const spec = { kind: "network", name: network, containers: [web], notContainers: [db], resolves: { from: web, to: db } };
    await docker("run", "-d", "--name", web, ...label, "busybox", "sleep", "300");
    expect((await check(spec)).actual).toBe(`container \`${web}\` is not attached to network \`${network}\` (nothing is attached)`);
    await docker("network", "connect", network, web);
    await docker("run", "-d", "--name", db, ...label, "--network", network, "busybox", "sleep", "300");
    expect((await check(spec)).actual).toBe(`container \`${db}\` is still attached to network \`${network}\``);
    await docker("network", "disconnect", network, db);
    const unresolved = await check(spec);
    expect(unresolved.actual).toMatch(
      new RegExp(`^from container \`${web}\`, the name \`${db}\` does not resolve \\(nslookup printed \`Server:.*\`\\)$`),
    );
    const resolving = { kind: "network", name: network, containers: [web, db], resolves: { from: web, to: db } };
    await docker("network", "connect", network, db);
    expect(await check(resolving)).toMatchObject({
      pass: true,
      actual: `network \`${network}\` has container \`${web}\` attached, has container \`${db}\` attached and lets container \`${web}\` resolve the name \`${db}\``,
    });
    await docker("stop", "-t", "0", web);
    expect((await check({ kind: "network", name: network, resolves: { from: web, to: db } })).actual).toBe(
      `container \`${web}\` is exited, so it cannot look up \`${db}\``,
    );
  });
});
