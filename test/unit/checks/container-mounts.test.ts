import { describe, expect, it } from "vitest";
import { stateExpectations } from "../../../src/checks/container-expectations.js";
import type { DockerReader } from "../../../src/docker/reader.js";
import type { ContainerDetails } from "../../../src/docker/views.js";
import { type CheckOf, checkSchema } from "../../../src/lessons/schema.js";

const HTML = "/usr/share/nginx/html";
const site = { type: "bind", source: "/home/me/labs/bind-mounts/site", target: HTML };
const container = (mounts: ContainerDetails["mounts"]) => ({ mounts }) as Partial<ContainerDetails> as ContainerDetails;
const docker = {} as DockerReader;

/** What the one mount expectation of a container check says about a container: undefined when it holds. */
async function miss(wanted: Record<string, unknown>, mounts: ContainerDetails["mounts"]) {
  const spec = checkSchema.parse({ kind: "container", name: "web", mounts: [wanted] }) as CheckOf<"container">;
  const [expectation] = stateExpectations(spec, docker);
  return { phrase: expectation?.phrase, miss: await expectation?.miss(container(mounts)) };
}

describe("a container check's mounts: readOnly", () => {
  it.each([
    ["read-only, as wanted", { readOnly: true }, true, undefined],
    ["writable, as wanted", { readOnly: false }, false, undefined],
    ["either, when readOnly is not said", {}, false, undefined],
    [
      "writable where read-only was wanted",
      { readOnly: true },
      false,
      "mounts bind `/home/me/labs/bind-mounts/site` at `/usr/share/nginx/html` writable, not read-only",
    ],
    [
      "read-only where writable was wanted",
      { readOnly: false },
      true,
      "mounts bind `/home/me/labs/bind-mounts/site` at `/usr/share/nginx/html` read-only, not writable",
    ],
  ])("%s", async (_, extra, readOnly, expected) => {
    const result = await miss({ type: "bind", target: HTML, source: "site", ...extra }, [{ ...site, readOnly }]);
    expect(result.miss).toBe(expected);
  });

  it("says read-only in what it expects", async () => {
    const result = await miss({ type: "bind", target: HTML, source: "site", readOnly: true }, []);
    expect(result.phrase).toBe("mounts bind `site` at `/usr/share/nginx/html` read-only");
    expect(result.miss).toBe("has nothing mounted at `/usr/share/nginx/html`");
  });

  it("names a wrong source before the access: the folder is the bigger difference", async () => {
    const result = await miss({ type: "bind", target: HTML, source: "site", readOnly: true }, [
      { ...site, source: "/home/me/labs/bind-mounts", readOnly: false },
    ]);
    expect(result.miss).toBe("mounts bind `/home/me/labs/bind-mounts` at `/usr/share/nginx/html`, not `site`");
  });

  it("is refused for a value that is not true or false", () =>
    expect(checkSchema.safeParse({ kind: "container", name: "w", mounts: [{ type: "bind", target: HTML, readOnly: "yes" }] }).success).toBe(
      false,
    ));
});
