import { describe, expect, it } from "vitest";
import { runPool, startOrder } from "../../../src/testing/job-pool.js";
import { OrderedOutput } from "../../../src/testing/ordered-output.js";

/** A promise and the function that resolves it: a job that ends when the test says so. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("runPool", () => {
  it("runs at most `jobs` at a time and resolves with the results in the items' order", async () => {
    let running = 0;
    let most = 0;
    const results = await runPool([30, 10, 20, 5, 15], 2, async (ms, i) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running--;
      return `${i}:${ms}`;
    });
    expect(most).toBe(2);
    expect(results).toEqual(["0:30", "1:10", "2:20", "3:5", "4:15"]);
  });

  it("starts the items in the order given", async () => {
    const started: number[] = [];
    await runPool(["a", "b", "c", "d"], 1, async (_item, i) => void started.push(i), { order: [2, 0, 3, 1] });
    expect(started).toEqual([2, 0, 3, 1]);
  });

  it("one job: each item starts after the one before it ended (today's behaviour)", async () => {
    const events: string[] = [];
    await runPool([1, 2, 3], 1, async (n) => {
      events.push(`start ${n}`);
      await tick();
      events.push(`end ${n}`);
    });
    expect(events).toEqual(["start 1", "end 1", "start 2", "end 2", "start 3", "end 3"]);
  });

  it("once told to stop starting (--bail, Ctrl-C), no further item starts; running ones finish; the rest are undefined", async () => {
    let stop = false;
    const results = await runPool(
      [1, 2, 3, 4],
      2,
      async (n) => {
        await tick();
        if (n === 1) stop = true;
        await tick();
        return n;
      },
      { stopStarting: () => stop },
    );
    expect(results).toEqual([1, 2, undefined, undefined]);
  });

  it("a job that throws: the others finish, then the error is passed on", async () => {
    const finished: number[] = [];
    const run = runPool([1, 2], 2, async (n) => {
      await tick();
      if (n === 1) throw new Error("broken");
      await tick();
      finished.push(n);
    });
    await expect(run).rejects.toThrow("broken");
    expect(finished).toEqual([2]);
  });

  it("more jobs than items, and no items at all", async () => {
    expect(await runPool([1], 8, async (n) => n * 2)).toEqual([2]);
    expect(await runPool([], 8, async () => 1)).toEqual([]);
  });
});

describe("startOrder", () => {
  it("the picked items first (the swarm lessons, the longest), each group in its own order", () => {
    expect(startOrder([1, 5, 2, 6, 3], (n) => n > 4)).toEqual([1, 3, 0, 2, 4]);
    expect(startOrder(["a", "b"], () => false)).toEqual([0, 1]);
  });
});

describe("OrderedOutput", () => {
  const collect = () => {
    const out: string[] = [];
    return { out, sections: (count: number) => new OrderedOutput((text) => out.push(text), count) };
  };

  it("the first unfinished section goes straight out; later ones are held until all before them finished", async () => {
    const { out, sections } = collect();
    const o = sections(3);
    o.write(0, "a1");
    o.write(2, "c1");
    o.write(1, "b1");
    expect(out).toEqual(["a1"]);
    o.write(2, "c2");
    o.finish(2);
    expect(out).toEqual(["a1"]);
    o.finish(0);
    expect(out).toEqual(["a1", "b1"]);
    o.write(1, "b2");
    expect(out).toEqual(["a1", "b1", "b2"]);
    o.finish(1);
    expect(out).toEqual(["a1", "b1", "b2", "c1", "c2"]);
  });

  it("lessons finishing in any order print in the order asked for, with a pool of jobs", async () => {
    const { out, sections } = collect();
    const o = sections(4);
    const gates = [gate(), gate(), gate(), gate()];
    const pool = runPool([0, 1, 2, 3], 4, async (i) => {
      o.write(i, `lesson ${i} starts`);
      await gates[i]?.promise;
      o.write(i, `lesson ${i} ends`);
      o.finish(i);
    });
    for (const i of [3, 1, 2, 0]) {
      gates[i]?.open();
      await tick();
    }
    await pool;
    expect(out).toEqual([0, 1, 2, 3].flatMap((i) => [`lesson ${i} starts`, `lesson ${i} ends`]));
  });

  it("flush prints what is held for sections that never finish", () => {
    const { out, sections } = collect();
    const o = sections(3);
    o.write(1, "b");
    o.write(2, "c");
    o.flush();
    expect(out).toEqual(["b", "c"]);
  });
});
