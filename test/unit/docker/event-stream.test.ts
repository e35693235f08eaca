import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { LineSplitter, parseEventLine, readEvents } from "../../../src/docker/event-stream.js";
import type { DockerEvent } from "../../../src/docker/views.js";

const line = (action: string, id = "c1") =>
  JSON.stringify({
    Type: "container",
    Action: action,
    Actor: { ID: id, Attributes: { name: "web", exitCode: 0 } },
    time: 1,
    timeNano: 1_700_000_000_123_456_800,
  });

describe("LineSplitter", () => {
  it("keeps a partial line for the next chunk", () => {
    const splitter = new LineSplitter();
    expect(splitter.push('{"a":1}\n{"b"')).toEqual(['{"a":1}']);
    expect(splitter.push(":2}\n\n")).toEqual(['{"b":2}']);
    expect(splitter.flush()).toEqual([]);
  });

  it("flushes a last line without a newline", () => {
    const splitter = new LineSplitter();
    splitter.push('{"c":3}');
    expect(splitter.flush()).toEqual(['{"c":3}']);
  });
});

describe("parseEventLine", () => {
  it("keys on Type, Action, Actor and timeNano, with attribute values as strings", () => {
    expect(parseEventLine(line("die"))).toEqual({
      type: "container",
      action: "die",
      actorId: "c1",
      attributes: { name: "web", exitCode: "0" },
      timeMs: 1_700_000_000_123,
    });
  });

  it.each(["not json", "{}", '{"Type":"container"}', "[]"])("ignores %s", (text) => expect(parseEventLine(text)).toBeUndefined());
});

describe("readEvents", () => {
  it("yields events across chunk boundaries and ends cleanly when aborted", async () => {
    const stream = new PassThrough();
    const controller = new AbortController();
    const seen: DockerEvent[] = [];
    const reading = (async () => {
      for await (const event of readEvents(async () => stream, controller.signal)) {
        seen.push(event);
        if (seen.length === 2) controller.abort();
      }
    })();
    const text = `${line("create")}\n${line("start")}\n`;
    stream.write(text.slice(0, 20));
    stream.write(text.slice(20));
    await reading;
    expect(seen.map((e) => e.action)).toEqual(["create", "start"]);
    expect(stream.destroyed).toBe(true);
  });

  it("throws when the stream fails without an abort", async () => {
    const stream = new PassThrough();
    const reading = (async () => {
      for await (const _ of readEvents(async () => stream, new AbortController().signal));
    })();
    stream.destroy(new Error("socket hang up"));
    await expect(reading).rejects.toThrow("socket hang up");
  });
});
