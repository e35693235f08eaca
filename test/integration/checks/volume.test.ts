import { describe, expect, it } from "vitest";
import { checkSuite, docker, TEST_LABEL } from "./daemon-fixtures.js";

const { made, check } = checkSuite();

const write = (volume: string, text: string) =>
  docker("run", "--rm", "-v", `${volume}:/data`, "busybox", "sh", "-c", `printf '${text}' > /data/index.html`);

describe("volume check", () => {
  it("fails while the volume is missing, then reads a file inside it", async () => {
    const name = made.name("volume", "site");
    const spec = { kind: "volume", name, driver: "local", file: { path: "index.html", contains: "hello" } };
    const before = await check(spec);
    expect(before).toMatchObject({
      pass: false,
      expected: `volume \`${name}\` exists and uses the driver \`local\` and holds a file \`index.html\` containing \`hello\``,
      actual: `there is no volume named \`${name}\``,
    });
    await docker("volume", "create", "--label", TEST_LABEL, name);
    expect((await check({ kind: "volume", name, driver: "nfs" })).actual).toBe(`volume \`${name}\` uses the driver \`local\`, not \`nfs\``);
    expect((await check(spec)).actual).toBe(`volume \`${name}\` has no file \`index.html\``);
    await write(name, "");
    expect((await check(spec)).actual).toBe(`volume \`${name}\` has a file \`index.html\`, but it is empty, not \`hello\``);
    await write(name, "bye");
    expect((await check(spec)).actual).toBe(`volume \`${name}\` has a file \`index.html\`, but it holds \`bye\`, not \`hello\``);
    await write(name, "hello there");
    expect(await check({ ...spec, file: { path: "/index.html", contains: "hello" } })).toMatchObject({ pass: true });
  });
});
