import { describe, expect, it } from "vitest";
import { checkSuite, docker, eventually, freePort, TEST_LABEL, uniqueName } from "./daemon-fixtures.js";

const { made, check } = checkSuite();

describe("registry check", () => {
  it("fails while no registry runs and before the push, then passes", async () => {
    const registry = `127.0.0.1:${await freePort()}`;
    const repository = uniqueName("hello");
    const spec = { kind: "registry", registry, repository, tag: "v1" };
    const url = `http://${registry}/v2/${repository}/tags/list`;
    const before = await check(spec);
    expect(before).toMatchObject({
      pass: false,
      expected: `registry \`${registry}\` has \`${repository}:v1\``,
      actual: `nothing answers at ${url}`,
    });
    const container = made.name("container", "registry");
    await docker("run", "-d", "--name", container, "--label", TEST_LABEL, "-p", `${registry}:5000`, "registry:2");
    await eventually("the registry answers", async () => !(await check(spec)).actual.startsWith("nothing answers"));
    expect((await check(spec)).actual).toBe(`registry \`${registry}\` has no repository \`${repository}\``);
    const pushed = made.add("image", `${registry}/${repository}:v2`);
    await docker("tag", "busybox", pushed);
    await docker("push", pushed);
    expect((await check(spec)).actual).toBe(`registry \`${registry}\` has \`${repository}\` without the tag \`v1\` (tags: \`v2\`)`);
    const wanted = made.add("image", `${registry}/${repository}:v1`);
    await docker("tag", "busybox", wanted);
    await docker("push", wanted);
    expect(await check(spec)).toMatchObject({ pass: true, actual: `registry \`${registry}\` has \`${repository}:v1\`` });
  });
});
