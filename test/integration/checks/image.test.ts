import { describe, expect, it } from "vitest";
import { build, checkSuite, docker, uniqueName } from "./daemon-fixtures.js";

const { made, check } = checkSuite();

describe("image check", () => {
  it("fails while the tag is missing (naming the tags that do exist), then passes", async () => {
    const repository = uniqueName("hello");
    made.add("image", `${repository}:v0.2`);
    const ref = made.add("image", `${repository}:v0.1`);
    const before = await check({ kind: "image", ref });
    expect(before).toMatchObject({ pass: false, expected: `image \`${ref}\` exists`, actual: `there is no image \`${ref}\`` });
    await docker("tag", "alpine", `${repository}:v0.2`);
    expect((await check({ kind: "image", ref })).actual).toBe(`there is no image \`${ref}\` (\`${repository}\` has only \`v0.2\`)`);
    await docker("tag", "alpine", ref);
    expect(await check({ kind: "image", ref: `docker.io/library/${ref}` })).toMatchObject({
      pass: true,
      actual: `image \`docker.io/library/${ref}\` exists`,
    });
  });

  it("checks what it was built on, the layers it shares and that it differs", async () => {
    const ref = made.add("image", `${uniqueName("built")}:v1`);
    const sibling = made.add("image", `${uniqueName("sibling")}:v1`);
    const spec = { kind: "image", ref, basedOn: "alpine", sharesLayers: { with: sibling, atLeast: 2 }, differsFrom: "alpine" };
    expect((await check(spec)).actual).toBe(`there is no image \`${ref}\``);
    await build(made, ref, "FROM busybox\nRUN echo one > /one\n");
    expect((await check(spec)).actual).toBe(`image \`${ref}\` does not start with the layers of \`alpine\`, so it was not built on it`);
    await build(made, ref, "FROM alpine\nRUN echo one > /one\n");
    expect((await check(spec)).actual).toBe(
      `image \`${ref}\` cannot be compared with \`${sibling}\`, which is not here (pull or build it)`,
    );
    await build(made, sibling, "FROM alpine\nRUN echo other > /other\n");
    expect((await check(spec)).actual).toBe(`image \`${ref}\` shares only 1 layer with \`${sibling}\`, not at least 2`);
    await build(made, sibling, `FROM ${ref}\nRUN echo two > /two\n`);
    expect((await check(spec)).pass).toBe(true);
    const copy = made.add("image", `${uniqueName("copy")}:v1`);
    await docker("tag", "alpine", copy);
    expect((await check({ kind: "image", ref: copy, differsFrom: "alpine" })).actual).toBe(
      `image \`${copy}\` has exactly the same layers as \`alpine\``,
    );
  });

  it("checks CMD, WORKDIR, exposed ports and history", async () => {
    const ref = made.add("image", `${uniqueName("app")}:v1`);
    const spec = { kind: "image", ref, cmd: '["echo", "hi"]', workingDir: "/app", exposedPorts: ["8080"], historyContains: "WORKDIR /app" };
    expect((await check(spec)).expected).toBe(
      `image \`${ref}\` exists and has CMD \`["echo", "hi"]\`, has WORKDIR \`/app\`, exposes 8080/tcp and has a history step with \`WORKDIR /app\``,
    );
    await build(made, ref, "FROM alpine\nCMD echo bye\n");
    expect((await check(spec)).actual).toBe(`image \`${ref}\` has CMD \`["/bin/sh","-c","echo bye"]\`, not \`["echo", "hi"]\``);
    await build(made, ref, 'FROM alpine\nCMD ["echo", "hi"]\n');
    expect((await check(spec)).actual).toBe(`image \`${ref}\` has no WORKDIR (it works in /), not \`/app\``);
    await build(made, ref, 'FROM alpine\nWORKDIR /app\nCMD ["echo", "hi"]\n');
    expect((await check(spec)).actual).toBe(`image \`${ref}\` does not expose 8080/tcp (it exposes nothing)`);
    await build(made, ref, 'FROM alpine\nWORKDIR /app\nEXPOSE 8080\nCMD ["echo", "hi"]\n');
    expect(await check(spec)).toMatchObject({ pass: true });
    expect(await check({ kind: "image", ref, cmd: "echo hi" })).toMatchObject({ pass: true });
    expect((await check({ kind: "image", ref, historyContains: "RUN apk" })).actual).toBe(
      `image \`${ref}\` has no history step with \`RUN apk\``,
    );
  });
});
