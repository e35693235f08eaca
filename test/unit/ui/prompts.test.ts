import { PassThrough } from "node:stream";
import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";
import { askYes } from "../../../src/ui/prompts.js";

describe("askYes", () => {
  it("marks the answered question with no ✔, whatever the answer (issue 15: 'Remove them? No' showed one)", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let shown = "";
    output.on("data", (chunk: Buffer) => {
      shown += chunk.toString();
    });
    const answer = askYes("Remove them?", { input, output });
    setTimeout(() => input.write("n\r"), 50);
    expect(await answer).toBe(false);
    const screen = stripVTControlCharacters(shown);
    expect(screen).toMatch(/\? Remove them\? No/);
    expect(screen).not.toContain("✔");
  });
});
