import { describe, expect, it } from "vitest";
import type { CheckContext } from "../../../src/checks/check.js";
import { findCandidates } from "../../../src/checks/container-match.js";
import type { DockerReader } from "../../../src/docker/reader.js";
import type { ContainerDetails } from "../../../src/docker/views.js";

/** A daemon that answers an inspect as Docker does: by name, else by id prefix; it must never be asked for a list. */
function daemonWith(containers: readonly Pick<ContainerDetails, "id" | "name">[]): { reader: DockerReader; asked: string[] } {
  const asked: string[] = [];
  const reader = {
    inspectContainer: async (idOrName: string) => {
      asked.push(`inspect ${idOrName}`);
      return (containers.find((c) => c.name === idOrName) ?? containers.find((c) => c.id.startsWith(idOrName))) as
        | ContainerDetails
        | undefined;
    },
    listContainers: async () => {
      asked.push("list");
      return [];
    },
  } as unknown as DockerReader;
  return { reader, asked };
}

const context = (docker: DockerReader) =>
  ({
    docker,
    scope: { startedAt: new Date(0), preexistingContainerIds: new Set() },
    httpGet: async () => undefined,
  }) as unknown as CheckContext;

describe("a container check by name", () => {
  it("finds the container with one inspect, without listing every container", async () => {
    const { reader, asked } = daemonWith([{ id: "aaa111", name: "web" }]);
    const found = await findCandidates({ name: "web" }, context(reader));
    expect(found.containers.map((c) => c.id)).toEqual(["aaa111"]);
    expect(asked).toEqual(["inspect web"]);
  });

  it("finds none when the daemon answers with a container whose id starts with the name", async () => {
    const { reader } = daemonWith([{ id: "cafe0123", name: "espresso" }]);
    const found = await findCandidates({ name: "cafe" }, context(reader));
    expect(found.containers).toEqual([]);
    expect(found.whyNone).toBe("there is no container named `cafe`");
  });
});
