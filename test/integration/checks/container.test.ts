import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LessonScope } from "../../../src/checks/check.js";
import type { DockerClient } from "../../../src/docker/client.js";
import { checker, connectClient, docker, freePort, lessonStartingNow, Made, runToEnd, TEST_LABEL, uniqueName } from "./daemon-fixtures.js";

let client: DockerClient;
let scope: LessonScope;
let check: ReturnType<typeof checker>;
const made = new Made();
const label = ["--label", TEST_LABEL];
/** An image name no other test uses, so "a container from it" means only ours. */
let image: string;
let beforeLesson: string;

beforeAll(async () => {
  client = await connectClient();
  image = made.add("image", uniqueName("hello"));
  await docker("tag", "alpine", image);
  // A container from before the lesson: it must never count as the learner's work.
  beforeLesson = made.add("container", await docker("create", ...label, image, "echo", "hello"));
  scope = await lessonStartingNow(client);
  check = checker(client, () => scope);
});
afterAll(() => made.removeAll());

describe("container check, matching by image", () => {
  it("fails while no container from the image was made in the lesson, then passes", async () => {
    const spec = { kind: "container", image };
    const before = await check(spec);
    expect(before.pass).toBe(false);
    expect(before.expected).toBe(`a container from \`${image}\` created since the lesson began`);
    expect(before.actual).toMatch(new RegExp(`^no container from \`${image}\` was created since the lesson began`));
    made.add("container", await runToEnd(...label, image, "echo", "hello"));
    const after = await check(spec);
    expect(after.pass).toBe(true);
    expect(after.actual).toMatch(new RegExp(`^your \`${image}\` container [0-9a-f]{12} exists$`));
  });

  it("counts a container from before the lesson only when told to", async () => {
    const all = await check({ kind: "container", image, createdDuringLesson: false, command: "echo hello", atLeast: 2 });
    expect(all.pass).toBe(true);
    expect(all.actual).toMatch(/^2 containers match/);
    expect(beforeLesson).toMatch(/^[0-9a-f]{64}$/);
  });

  it("names the closest container and the first thing it misses", async () => {
    const spec = { kind: "container", image, command: "echo hello from alpine", state: "exited", exitCode: 0 };
    const before = await check(spec);
    expect(before.pass).toBe(false);
    expect(before.expected).toBe(
      `a container from \`${image}\` created since the lesson began that ran \`echo hello from alpine\`, is exited and exited with code 0`,
    );
    expect(before.actual).toMatch(
      new RegExp(`^your \`${image}\` container [0-9a-f]{12} ran \`echo hello\`, not \`echo hello from alpine\`$`),
    );
    made.add("container", await runToEnd(...label, image, "echo", "hello from alpine"));
    expect((await check(spec)).pass).toBe(true);
  });

  it("wants at least as many matching containers as atLeast says", async () => {
    const spec = { kind: "container", image, command: "echo twice", atLeast: 2 };
    made.add("container", await runToEnd(...label, image, "echo", "twice"));
    const before = await check(spec);
    expect(before).toMatchObject({ pass: false, actual: "only 1 of 2 such containers exist" });
    made.add("container", await runToEnd(...label, image, "echo", "twice"));
    expect((await check(spec)).pass).toBe(true);
  });
});

describe("container check, matching by name", () => {
  it("says there is no such container, then which port differs, then passes", async () => {
    const [wanted, other] = [await freePort(), await freePort()];
    const name = made.name("container", "web");
    const spec = { kind: "container", name, state: "running", ports: [{ container: "80", host: wanted }] };
    const missing = await check(spec);
    expect(missing).toMatchObject({
      pass: false,
      expected: `container \`${name}\` is running and publishes 80/tcp on host port ${wanted}`,
    });
    expect(missing.actual).toBe(`there is no container named \`${name}\``);
    await docker("run", "-d", "--name", name, ...label, "-p", `${other}:80`, "alpine", "sleep", "300");
    expect((await check(spec)).actual).toBe(`container \`${name}\` publishes 80/tcp on host port ${other}, not ${wanted}`);
    await docker("rm", "-f", name);
    await docker("run", "-d", "--name", name, ...label, "alpine", "sleep", "300");
    expect((await check(spec)).actual).toBe(`container \`${name}\` publishes no ports`);
    await docker("rm", "-f", name);
    await docker("run", "-d", "--name", name, ...label, "-p", `${wanted}:80`, "alpine", "sleep", "300");
    const after = await check(spec);
    expect(after).toMatchObject({ pass: true, actual: `container \`${name}\` is running and publishes 80/tcp on host port ${wanted}` });
  });

  it("checks the image, terminal, stdin, env, labels and networks it was started with", async () => {
    const name = made.name("container", "it");
    const network = made.name("network", "net");
    await docker("network", "create", ...label, network);
    const spec = {
      kind: "container",
      name,
      image: "docker.io/library/alpine:latest",
      tty: true,
      interactive: true,
      env: { MODE: "dev" },
      labels: { tier: "web" },
      networks: [network],
    };
    expect((await check(spec)).actual).toBe(`there is no container named \`${name}\``);
    await docker("run", "-d", "--name", name, ...label, "busybox", "sleep", "300");
    expect((await check(spec)).actual).toBe(`container \`${name}\` was created from \`busybox\`, not \`docker.io/library/alpine:latest\``);
    await docker("rm", "-f", name);
    await docker("run", "-d", "--name", name, ...label, "alpine", "sleep", "300");
    expect((await check(spec)).actual).toBe(`container \`${name}\` has no terminal (-t)`);
    await docker("rm", "-f", name);
    await docker("run", "-dit", "--name", name, ...label, "alpine", "sh");
    expect((await check(spec)).actual).toBe(`container \`${name}\` is not attached to network \`${network}\` (it is on \`bridge\`)`);
    await docker("rm", "-f", name);
    await docker("run", "-dit", "--name", name, ...label, "--network", network, "-e", "MODE=prod", "alpine", "sh");
    expect((await check(spec)).actual).toBe(`container \`${name}\` has env \`MODE=prod\`, not \`MODE=dev\``);
    await docker("rm", "-f", name);
    await docker("run", "-dit", "--name", name, ...label, "--network", network, "-e", "MODE=dev", "alpine", "sh");
    expect((await check(spec)).actual).toBe(`container \`${name}\` has no label \`tier\``);
    await docker("rm", "-f", name);
    await docker("run", "-dit", "--name", name, ...label, "--network", network, "-e", "MODE=dev", "--label", "tier=web", "alpine", "sh");
    expect((await check(spec)).pass).toBe(true);
  });

  it("checks the exit code, the output and a changed file", async () => {
    const name = made.name("container", "job");
    const spec = { kind: "container", name, exitCode: 0, logsContain: "hello from alpine", logsLack: "error", fileChanged: "/hello.txt" };
    expect((await check(spec)).actual).toBe(`there is no container named \`${name}\``);
    await docker("run", "-d", "--name", name, ...label, "alpine", "sleep", "300");
    expect((await check(spec)).actual).toBe(`container \`${name}\` has not exited yet (it is running)`);
    await docker("rm", "-f", name);
    await docker("run", "--name", name, ...label, "alpine", "sh", "-c", "echo hello; exit 3").catch(() => "");
    expect((await check(spec)).actual).toBe(`container \`${name}\` exited with code 3, not 0`);
    await docker("rm", "-f", name);
    await docker("run", "--name", name, ...label, "alpine", "echo", "hello");
    expect((await check(spec)).actual).toBe(`container \`${name}\` did not print \`hello from alpine\` (it printed \`hello\`)`);
    await docker("rm", "-f", name);
    await docker("run", "--name", name, ...label, "alpine", "sh", "-c", "echo hello from alpine; echo error >&2");
    expect((await check(spec)).actual).toBe(`container \`${name}\` printed \`error\``);
    await docker("rm", "-f", name);
    await docker("run", "--name", name, ...label, "alpine", "echo", "hello from alpine");
    expect((await check(spec)).actual).toBe(`container \`${name}\` did not add or change \`/hello.txt\``);
    await docker("rm", "-f", name);
    await docker("run", "--name", name, ...label, "alpine", "sh", "-c", "echo hello from alpine; echo hi > /hello.txt");
    expect((await check(spec)).pass).toBe(true);
  });

  it("checks mounts by type, target and volume name", async () => {
    const name = made.name("container", "db");
    const volume = made.name("volume", "data");
    const spec = { kind: "container", name, mounts: [{ type: "volume", target: "/data", source: volume }] };
    await docker("run", "-d", "--name", name, ...label, "alpine", "sleep", "300");
    expect((await check(spec)).actual).toBe(`container \`${name}\` has nothing mounted at \`/data\``);
    await docker("rm", "-f", name);
    await docker("run", "-d", "--name", name, ...label, "--tmpfs", "/data", "alpine", "sleep", "300");
    expect((await check(spec)).actual).toBe(`container \`${name}\` has nothing mounted at \`/data\``);
    await docker("rm", "-f", name);
    await docker("run", "-d", "--name", name, ...label, "-v", "/data", "alpine", "sleep", "300");
    expect((await check(spec)).actual).toMatch(
      new RegExp(`^container \`${name}\` mounts volume \`[0-9a-f]{64}\` at \`/data\`, not \`${volume}\`$`),
    );
    await docker("rm", "-f", "-v", name);
    await docker("run", "-d", "--name", name, ...label, "-v", `${volume}:/data`, "alpine", "sleep", "300");
    expect((await check(spec)).pass).toBe(true);
  });
});
