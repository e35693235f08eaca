import { describe, expect, it } from "vitest";
import type { DockerClient } from "../../../src/docker/client.js";
import { withSharedReads } from "../../../src/docker/shared-reads.js";

/** A client whose listImages counts its reads and answers when told. */
function countingClient() {
  let reads = 0;
  const answers: Array<(value: unknown) => void> = [];
  const client = {
    listImages: () => {
      reads += 1;
      return new Promise((resolve) => answers.push(resolve));
    },
  } as unknown as DockerClient;
  return { client, reads: () => reads, answer: (value: unknown) => answers.shift()?.(value) };
}

describe("withSharedReads: one read for several asking at the same moment", () => {
  it("a read asked while the same is under way gets its answer; one asked after it ended is read again", async () => {
    const daemon = countingClient();
    const shared = withSharedReads(daemon.client);
    const first = shared.listImages();
    const second = shared.listImages();
    expect(daemon.reads()).toBe(1);
    daemon.answer(["a"]);
    expect(await first).toEqual(["a"]);
    expect(await second).toEqual(["a"]);
    const later = shared.listImages();
    expect(daemon.reads()).toBe(2);
    daemon.answer(["b"]);
    expect(await later).toEqual(["b"]);
  });

  it("a failed read is not kept: the next asks again", async () => {
    let reads = 0;
    const shared = withSharedReads({
      info: async () => {
        reads += 1;
        if (reads === 1) throw new Error("daemon busy");
        return { name: "d" };
      },
    } as unknown as DockerClient);
    await expect(shared.info()).rejects.toThrow("daemon busy");
    await expect(shared.info()).resolves.toEqual({ name: "d" });
    expect(reads).toBe(2);
  });
});
