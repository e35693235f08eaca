import { describe, expect, it } from "vitest";
import type { DockerReader } from "../../../src/docker/reader.js";
import { WarmExecs } from "../../../src/engine/warm-execs.js";

/** A reader whose exec counts the execs it runs; each answers with its number. */
function countingReader(fail = false) {
  let runs = 0;
  const reader = {
    exec: async (id: string, command: readonly string[]) => {
      runs += 1;
      if (fail) throw new Error("container is not running");
      return { exitCode: 0, output: `${id} ${command.join(" ")} #${runs}` };
    },
  } as unknown as DockerReader;
  return { reader, runs: () => runs };
}

describe("WarmExecs: an exec's answer stands for the round right after it, while nothing happened", () => {
  it("the same exec in the same container, asked again soon with no event between, is not run again", async () => {
    let now = 1000;
    const warm = new WarmExecs(() => now);
    const daemon = countingReader();
    expect(await warm.round().over(daemon.reader).exec("c1", ["ping", "x"])).toEqual({ exitCode: 0, output: "c1 ping x #1" });
    now += 300;
    expect(await warm.round().over(daemon.reader).exec("c1", ["ping", "x"])).toEqual({ exitCode: 0, output: "c1 ping x #1" });
    expect(daemon.runs()).toBe(1);
    // another container, another command: their own execs
    await warm.round().over(daemon.reader).exec("c2", ["ping", "x"]);
    await warm.round().over(daemon.reader).exec("c1", ["ping", "y"]);
    expect(daemon.runs()).toBe(3);
  });

  it("a daemon event in between, or half a second gone, makes it run again", async () => {
    let now = 1000;
    const warm = new WarmExecs(() => now);
    const daemon = countingReader();
    await warm.round().over(daemon.reader).exec("c1", ["ls"]);
    warm.forget();
    expect((await warm.round().over(daemon.reader).exec("c1", ["ls"])).output).toBe("c1 ls #2");
    now += 501;
    expect((await warm.round().over(daemon.reader).exec("c1", ["ls"])).output).toBe("c1 ls #3");
    expect(daemon.runs()).toBe(3);
  });

  it("an exec that could not run is not kept", async () => {
    const warm = new WarmExecs(() => 1000);
    const daemon = countingReader(true);
    await expect(warm.round().over(daemon.reader).exec("c1", ["ls"])).rejects.toThrow("not running");
    await expect(warm.round().over(daemon.reader).exec("c1", ["ls"])).rejects.toThrow("not running");
    expect(daemon.runs()).toBe(2);
  });

  it("says when a round was answered from a kept exec; a fresh round asks anew and keeps its answer", async () => {
    const warm = new WarmExecs(() => 1000);
    const daemon = countingReader();
    const first = warm.round();
    await first.over(daemon.reader).exec("c1", ["ls"]);
    expect(first.answeredFromKept).toBe(false);
    const second = warm.round();
    await second.over(daemon.reader).exec("c1", ["ls"]);
    expect(second.answeredFromKept).toBe(true);
    const fresh = warm.round(true);
    expect((await fresh.over(daemon.reader).exec("c1", ["ls"])).output).toBe("c1 ls #2");
    expect(fresh.answeredFromKept).toBe(false);
    expect((await warm.round().over(daemon.reader).exec("c1", ["ls"])).output).toBe("c1 ls #2");
    // a playground node's container is another daemon's: its exec is its own
    expect((await warm.round().over(daemon.reader, "node1").exec("c1", ["ls"])).output).toBe("c1 ls #3");
  });
});
