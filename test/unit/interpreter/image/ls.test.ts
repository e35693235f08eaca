import { describe, expect, it } from "vitest";
import { fakeTransport, runAgainst } from "../../../helpers/fake-transport.js";

const NOW = Date.parse("2026-12-06T08:00:00Z");
const secondsAgo = (seconds: number) => Math.floor(NOW / 1000) - seconds;

/** GET /images/json as a daemon answers it: one entry per image, with every name it has. */
const IMAGES = [
  {
    Containers: -1,
    Created: secondsAgo(90),
    Id: `sha256:${"f2".repeat(32)}`,
    Labels: null,
    ParentId: "",
    RepoDigests: [`nginx@sha256:${"9".repeat(64)}`],
    RepoTags: ["nginx:alpine", "127.0.0.1:5000/lab/nginx:1"],
    SharedSize: -1,
    Size: 24_840_229,
  },
  {
    Containers: -1,
    Created: secondsAgo(3 * 86_400),
    Id: `sha256:${"57".repeat(32)}`,
    Labels: null,
    ParentId: "",
    RepoDigests: ["<none>@<none>"],
    RepoTags: ["<none>:<none>"],
    SharedSize: -1,
    Size: 1_985_876,
  },
];

describe("docker image ls against a fake daemon", () => {
  it("prints one row per name, ages from the clock it is given", async () => {
    const engine = fakeTransport({ "GET /images/json": { body: IMAGES } });
    const { code, stdout, stderr } = await runAgainst(engine, "docker images", { now: () => NOW });
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    await expect(stdout).toMatchFileSnapshot("testdata/image-list.golden");
  });

  it("a REPOSITORY argument is a reference filter", async () => {
    const filters = encodeURIComponent('{"reference":{"nginx":true}}');
    const engine = fakeTransport({ [`GET /images/json?filters=${filters}`]: { body: IMAGES.slice(0, 1) } });
    expect((await runAgainst(engine, "docker image ls -q nginx")).stdout).toBe("f2f2f2f2f2f2\nf2f2f2f2f2f2\n");
  });
});
