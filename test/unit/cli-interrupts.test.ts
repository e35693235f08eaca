import { EventEmitter } from "node:events";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { onInterrupt } from "../../src/cli/interrupts.js";

function fakeProcess() {
  const source = new EventEmitter();
  const stderr = new PassThrough();
  let said = "";
  stderr.on("data", (chunk: Buffer) => {
    said += chunk.toString();
  });
  const exits: number[] = [];
  return { source, stderr, exits, exit: (code: number) => exits.push(code), said: () => said };
}

describe("onInterrupt", () => {
  it("the first Ctrl-C asks the command to stop tidily; the second exits at once with 130, saying what it left", () => {
    const p = fakeProcess();
    let firsts = 0;
    const stop = onInterrupt({ first: () => (firsts += 1), atOnce: () => "left: web", ...p });
    p.source.emit("SIGINT");
    expect(firsts).toBe(1);
    expect(p.exits).toEqual([]);
    p.source.emit("SIGINT");
    expect(firsts).toBe(1);
    expect(p.exits).toEqual([130]);
    expect(p.said()).toContain("left: web");
    stop();
    expect(p.source.listenerCount("SIGINT")).toBe(0);
  });

  it("when the prompt already took the first Ctrl-C, the next one exits at once", () => {
    const p = fakeProcess();
    onInterrupt({ first: () => expect.unreachable("first must not run"), atOnce: () => "bye", pressed: 1, ...p });
    p.source.emit("SIGINT");
    expect(p.exits).toEqual([130]);
  });

  it("without a tidy way to stop, the first Ctrl-C exits at once", () => {
    const p = fakeProcess();
    onInterrupt({ atOnce: () => "bye", ...p });
    p.source.emit("SIGINT");
    expect(p.exits).toEqual([130]);
    expect(p.said()).toBe("\nbye\n");
  });
});
