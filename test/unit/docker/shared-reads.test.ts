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

  it("the daemon's info is read once for the whole look, even after the first read ended", async () => {
    let reads = 0;
    const shared = withSharedReads({
      info: async () => {
        reads += 1;
        return { name: `answer ${reads}` };
      },
    } as unknown as DockerClient);
    expect(await shared.info()).toEqual({ name: "answer 1" });
    expect(await shared.info()).toEqual({ name: "answer 1" });
    expect(reads).toBe(1);
  });

  it("a look back to one moment is read once and given whole to each asker; another moment, or the live stream, is read anew", async () => {
    const asked: string[] = [];
    const shared = withSharedReads({
      events: ({ since, until }: { since?: Date; until?: Date }) => {
        asked.push(`${since?.getTime()}..${until?.getTime()}`);
        return (async function* () {
          yield { action: "create", timeMs: 1 };
          yield { action: "start", timeMs: 2 };
        })();
      },
    } as unknown as DockerClient);
    const never = new AbortController().signal;
    const until = new Date(5000);
    const read = async (options: { since?: Date; until?: Date }) => {
      const got: string[] = [];
      for await (const event of shared.events({ signal: never, ...options })) got.push(event.action);
      return got;
    };
    const [one, two] = await Promise.all([read({ since: new Date(0), until }), read({ since: new Date(0), until })]);
    expect(one).toEqual(["create", "start"]);
    expect(two).toEqual(["create", "start"]);
    expect(await read({ since: new Date(0), until })).toEqual(["create", "start"]);
    expect(asked).toEqual(["0..5000"]);
    await read({ since: new Date(1000), until });
    await read({ since: new Date(0), until: new Date(6000) });
    await read({ since: new Date(0) });
    expect(asked).toEqual(["0..5000", "1000..5000", "0..6000", "0..undefined"]);
  });
});
