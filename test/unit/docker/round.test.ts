import { describe, expect, it } from "vitest";
import type { DockerReader } from "../../../src/docker/reader.js";
import { createRound } from "../../../src/docker/round.js";
import type { ContainerDetails } from "../../../src/docker/views.js";

/** A client that only counts calls: the round's memo is pure logic, so a fake is enough here. */
function countingClient() {
  const calls: string[] = [];
  const client = {
    inspectContainer: async (name: string) => {
      calls.push(`inspect ${name}`);
      return { name } as ContainerDetails;
    },
    listContainers: async (options?: { all?: boolean }) => {
      calls.push(`list ${options?.all ?? false}`);
      return [];
    },
    containerLogs: async (name: string) => {
      calls.push(`logs ${name}`);
      throw new Error("gone");
    },
  } as Partial<DockerReader> as DockerReader;
  return { client, calls };
}

describe("createRound", () => {
  it("asks the daemon once for three checks on the same container, even concurrently", async () => {
    const { client, calls } = countingClient();
    const round = createRound(client);
    const answers = await Promise.all([round.inspectContainer("web"), round.inspectContainer("web"), round.inspectContainer("web")]);
    expect(answers.map((a) => a?.name)).toEqual(["web", "web", "web"]);
    expect(calls).toEqual(["inspect web"]);
  });

  it("keys the memo by method and arguments", async () => {
    const { client, calls } = countingClient();
    const round = createRound(client);
    await round.inspectContainer("web");
    await round.inspectContainer("db");
    await round.listContainers({ all: true });
    await round.listContainers({ all: true });
    await round.listContainers();
    expect(calls).toEqual(["inspect web", "inspect db", "list true", "list false"]);
  });

  it("shares a failure within the round, and a new round asks again", async () => {
    const { client, calls } = countingClient();
    const round = createRound(client);
    await expect(round.containerLogs("web")).rejects.toThrow("gone");
    await expect(round.containerLogs("web")).rejects.toThrow("gone");
    await createRound(client).inspectContainer("web");
    await createRound(client).inspectContainer("web");
    expect(calls).toEqual(["logs web", "inspect web", "inspect web"]);
  });
});
