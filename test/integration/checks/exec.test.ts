import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LessonScope } from "../../../src/checks/check.js";
import type { DockerClient } from "../../../src/docker/client.js";
import { checker, connectClient, docker, lessonStartingNow, Made, TEST_LABEL, uniqueName } from "./daemon-fixtures.js";

let client: DockerClient;
let scope: LessonScope;
let check: ReturnType<typeof checker>;
const made = new Made();
const label = ["--label", TEST_LABEL];

beforeAll(async () => {
  client = await connectClient();
  scope = await lessonStartingNow(client);
  check = checker(client, () => scope);
});
afterAll(() => made.removeAll());

describe("exec check", () => {
  it("fails while the container is missing, stopped, or the command fails, then passes", async () => {
    const name = made.name("container", "box");
    const spec = { kind: "exec", name, run: ["cat", "/hello.txt"], outputContains: "hi" };
    const before = await check(spec);
    expect(before).toMatchObject({
      pass: false,
      expected: `in container \`${name}\`, \`cat /hello.txt\` exits with code 0 and prints \`hi\``,
      actual: `there is no container named \`${name}\``,
    });
    await docker("create", "--name", name, ...label, "busybox", "sleep", "300");
    expect((await check(spec)).actual).toBe(`container \`${name}\` is created, so nothing can run in it (start it first)`);
    await docker("start", name);
    expect((await check(spec)).actual).toBe(
      `container \`${name}\` ran \`cat /hello.txt\`, which exited with code 1, not 0, and printed \`cat: can't open '/hello.txt': No such file or directory\``,
    );
    await docker("exec", name, "sh", "-c", "echo bye > /hello.txt");
    expect((await check(spec)).actual).toBe(`container \`${name}\` ran \`cat /hello.txt\`, which printed \`bye\`, not \`hi\``);
    await docker("exec", name, "sh", "-c", "echo hi > /hello.txt");
    expect(await check(spec)).toMatchObject({
      pass: true,
      actual: `in container \`${name}\`, \`cat /hello.txt\` exited with code 0 and printed \`hi\``,
    });
  });

  it("finds the container by image among those made in the lesson", async () => {
    const image = made.add("image", uniqueName("shell"));
    await docker("tag", "busybox", image);
    const spec = { kind: "exec", image, run: ["test", "-d", "/work"], exitCode: 0 };
    expect((await check(spec)).actual).toMatch(new RegExp(`^no container from \`${image}\` was created since the lesson began`));
    const id = made.add("container", await docker("run", "-d", ...label, image, "sleep", "300"));
    expect((await check(spec)).actual).toMatch(/ran `test -d \/work`, which exited with code 1, not 0, and printed nothing$/);
    await docker("exec", id, "mkdir", "/work");
    expect((await check(spec)).pass).toBe(true);
  });
});
